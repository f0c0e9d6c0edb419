// The communication coach, live: checks what is being typed (debounced) and answers gently.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type CoachEvidence, type CoachResult } from '../api';
import { harshFlags, helpfulFlags } from './words';

const DEBOUNCE_MS = 400;
const MAX_TEXT = 4000;

export type CoachState =
  | { status: 'idle' }
  | { status: 'ready'; result: CoachResult; key: string }
  | { status: 'unavailable' };

/**
 * Asks the coach about `text` once typing pauses. `key` names what is being edited (a field), so
 * an answer is shown only with the text it was about. Late answers to older text are dropped.
 */
export function useCoach(key: string, text: string): CoachState {
  const [state, setState] = useState<CoachState>({ status: 'idle' });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    if (!text.trim()) {
      setState({ status: 'idle' });
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const result = await api.coach(text.slice(0, MAX_TEXT));
        if (seq.current === mine) setState({ status: 'ready', result, key });
      } catch {
        // The coach is a help, not a gate: if it cannot answer, writing goes on without it.
        if (seq.current === mine) setState({ status: 'unavailable' });
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, text]);
  return state;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 byte offsets (as the server counts) → string indices; null when one falls inside a character. */
function fromBytes(text: string, start: number, end: number): [number, number] | null {
  const bytes = encoder.encode(text);
  if (start < 0 || end > bytes.length || start >= end) return null;
  const from = decoder.decode(bytes.subarray(0, start)).length;
  const to = from + decoder.decode(bytes.subarray(start, end)).length;
  return [from, to];
}

/** Where the evidence sits in the checked text: its offsets when they match, else its first occurrence. */
function locate(text: string, ev: CoachEvidence): [number, number] | null {
  const same = (a: string) => a.toLowerCase() === (ev.text ?? '').toLowerCase();
  const byBytes = fromBytes(text, ev.start, ev.end);
  if (byBytes && same(text.slice(...byBytes))) return byBytes;
  if (ev.start >= 0 && ev.end <= text.length && ev.start < ev.end && same(text.slice(ev.start, ev.end))) {
    return [ev.start, ev.end];
  }
  const at = ev.text ? text.toLowerCase().indexOf(ev.text.toLowerCase()) : -1;
  if (at >= 0) return [at, at + ev.text.length];
  // The quoted words may be normalised (e.g. curly apostrophes): trust clean byte offsets.
  return byBytes && !text.slice(...byBytes).includes('\uFFFD') ? byBytes : null;
}

/** The words that triggered a flag, shown in a little of their context with the words marked. */
function Quote({ text, ev }: { text: string; ev: CoachEvidence }) {
  const at = locate(text, ev);
  if (!at) return <q class="coach-quote">{ev.text}</q>;
  const [start, end] = at;
  const context = 28;
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  // Start and end on word boundaries where we can.
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  return (
    <q class="coach-quote">
      {from > 0 && '…'}
      {text.slice(from, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end, to)}
      {to < text.length && '…'}
    </q>
  );
}

/** The server's reason as a sentence: "points at …" → "Points at ….". */
function sentence(reason: string): string {
  const r = reason.trim();
  if (!r) return r;
  const first = r[0].toUpperCase() + r.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

function summary(harsh: number, helpful: number): string {
  if (harsh === 0 && helpful === 0) return 'Nothing harsh here.';
  const parts: string[] = [];
  if (harsh) parts.push(harsh === 1 ? 'one thing you might soften' : `${harsh} things you might soften`);
  if (helpful) parts.push(helpful === 1 ? 'one good sign' : `${helpful} good signs`);
  return `The coach sees ${parts.join(' and ')}.`;
}

/**
 * The coach's answer for the field `fieldKey`, if the current answer is about it. `onUse` puts the
 * suggested rewrite into the field.
 */
export function CoachPanel({
  id,
  state,
  fieldKey,
  onUse,
}: {
  id: string;
  state: CoachState;
  fieldKey: string;
  onUse?: (text: string) => void;
}) {
  const ready = state.status === 'ready' && state.key === fieldKey ? state.result : null;
  const unavailable = state.status === 'unavailable';
  const harsh = ready ? ready.flags.filter((f) => f in harshFlags) : [];
  const helpful = ready ? ready.flags.filter((f) => f in helpfulFlags) : [];

  return (
    <div class={ready || unavailable ? 'coach' : 'coach empty'} id={id} data-testid="coach">
      {/* Only this line is announced, so a screen reader hears a short update, not the whole panel. */}
      <p class="coach-summary" aria-live="polite">
        {ready ? summary(harsh.length, helpful.length) : unavailable ? 'The coach is not available just now.' : ''}
      </p>
      {ready && (
        <>
          {harsh.length > 0 && (
            <ul class="coach-flags" aria-label="Things you might soften">
              {harsh.map((flag) => {
                const evidence = ready.evidence.filter((ev) => ev.flag === flag);
                return (
                  <li key={flag} class="coach-flag harsh" data-flag={flag}>
                    <span class="flag-name">{harshFlags[flag]}</span>
                    {evidence.length === 0 && <span class="flag-reason">The coach noticed some {harshFlags[flag].toLowerCase()} here.</span>}
                    {evidence.map((ev, i) => (
                      <span class="flag-evidence" key={i}>
                        <Quote text={ready.text} ev={ev} />
                        <span class="flag-reason">{sentence(ev.reason)}</span>
                      </span>
                    ))}
                  </li>
                );
              })}
            </ul>
          )}
          {helpful.length > 0 && (
            <ul class="coach-flags" aria-label="Good signs">
              {helpful.map((flag) => (
                <li key={flag} class="coach-flag helpful" data-flag={flag}>
                  <span class="flag-name">{helpfulFlags[flag].name}</span>
                  <span class="flag-reason">{helpfulFlags[flag].cheer}</span>
                </li>
              ))}
            </ul>
          )}
          {ready.tip && <p class="coach-tip">{ready.tip}</p>}
          {ready.rewrite && (
            <div class="coach-rewrite">
              <p>
                <span class="flag-name">Another way to say it</span>
                <q>{ready.rewrite}</q>
              </p>
              {onUse && (
                <button type="button" class="button secondary small-button" onClick={() => onUse(ready.rewrite!)}>
                  Use this
                </button>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
