// The peer for the coach benchmark: the npm package `sentiment` (AFINN word scores) over the same
// messages, single-threaded, in node. Usage: node bench/sentiment_bench.mjs FILE [SECONDS]
// Prints: messages=… rounds=… messages_per_second=…
import { readFileSync } from 'node:fs';
import Sentiment from 'sentiment';

const [file, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const messages = readFileSync(file, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => (l.includes('\t') ? l.slice(l.indexOf('\t') + 1) : l));
const sentiment = new Sentiment();

let sink = 0;
for (let r = 0; r < 200; r++) for (const m of messages) sink += sentiment.analyze(m).score;

let rounds = 0;
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
let end;
do {
  for (let r = 0; r < 50; r++, rounds++) for (const m of messages) sink += sentiment.analyze(m).score;
  end = process.hrtime.bigint();
} while (end < deadline);
const elapsed = Number(end - start) / 1e9;
console.log(`messages=${messages.length} rounds=${rounds} messages_per_second=${Math.round(rounds * messages.length / elapsed)} checksum=${sink}`);
