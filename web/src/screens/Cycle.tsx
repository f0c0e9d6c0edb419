// The positive cycle: whether, in the couple's own check-ins, a closer day tends to be followed by more
// affection and the other way round — each link drawn as a dot with its 95% range against "no link" —
// plus closeness and affection over 90 days, and how time together and screens go with closeness on
// the same day. Associations only: nothing here says that one thing causes another.
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { Loading, PageTitle } from '../components';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { browserZone, shortDay } from '../insights/days';
import { useCharts } from '../insights/parts';
import type { Cycle as Data, LaggedLink, SameDayLink, Verdict } from '../insights/types';
import { metricNames, num, plural, smoothed, verdictWords } from '../insights/words';

/** Two decimals at most: "0.58", "-0.1". */
const dec = (n: number) => String(Math.round(n * 100) / 100);

/** The half-width of the picture: the smallest of these that holds the whole range. */
function extent(values: number[]): number {
  const most = Math.max(...values.map(Math.abs));
  return [0.5, 1, 1.5, 2, 3, 5, 10].find((e) => e >= most) ?? Math.ceil(most);
}

/**
 * An estimate and its 95% range on a line with "no link" (0) in the middle: left of it goes with less,
 * right with more. Drawn in SVG; the same facts are written beside it.
 */
function IntervalPlot({
  value,
  low,
  high,
  half,
  left,
  right,
  verdict,
}: {
  value: number;
  low: number;
  high: number;
  half: number;
  left: string;
  right: string;
  verdict: Verdict;
}) {
  const x = (v: number) => 150 + (Math.max(-half, Math.min(half, v)) / half) * 130;
  const tick = (v: number) => (v > 0 ? `+${num(v)}` : num(v));
  return (
    <figure class={`interval ${verdict}`} aria-hidden="true">
      <svg viewBox="0 0 300 64" focusable="false">
        <line class="interval-axis" x1="20" y1="30" x2="280" y2="30" />
        <line class="interval-zero" x1="150" y1="8" x2="150" y2="44" />
        <rect class="interval-range" x={x(low)} y="23" width={Math.max(2, x(high) - x(low))} height="14" rx="7" />
        <line class="interval-cap" x1={x(low)} y1="21" x2={x(low)} y2="39" />
        <line class="interval-cap" x1={x(high)} y1="21" x2={x(high)} y2="39" />
        <circle class="interval-dot" cx={x(value)} cy="30" r="7" />
        <text class="interval-tick" x="20" y="58" text-anchor="start">
          {tick(-half)}
        </text>
        <text class="interval-tick" x="150" y="58" text-anchor="middle">
          0 · no link
        </text>
        <text class="interval-tick" x="280" y="58" text-anchor="end">
          {tick(half)}
        </text>
      </svg>
      <figcaption class="interval-ends">
        <span>← {left}</span>
        <span>{right} →</span>
      </figcaption>
    </figure>
  );
}

const lowerName = (m: string) => metricNames[m as keyof typeof metricNames].toLowerCase();

function laggedQuestion(l: LaggedLink): string {
  return l.from === 'closeness'
    ? 'After a closer day, more affection the next day?'
    : 'After a day with more affection, feeling closer the next day?';
}

/** The estimate in words: "After a day you felt one point closer than usual, affection the next day was …". */
function effectWords(l: LaggedLink): string | null {
  if (l.effect === null || l.low === null || l.high === null) return null;
  const after = l.from === 'closeness' ? 'a day you felt one point closer than usual' : 'a day with one point more affection than usual';
  const next = l.to === 'affection' ? 'affection the next day' : 'closeness the next day';
  const size = Math.abs(l.effect);
  return `After ${after}, ${next} was on average ${dec(size)} ${size === 1 ? 'point' : 'points'} ${
    l.effect >= 0 ? 'higher' : 'lower'
  } than usual (95% range: ${dec(l.low)} to ${dec(l.high)}).`;
}

function VerdictChip({ verdict }: { verdict: Verdict }) {
  return <span class={`verdict-chip ${verdict}`}>{verdictWords[verdict]}</span>;
}

function PairsProgress({ have, need, unit }: { have: number; need: number; unit: [string, string] }) {
  const id = `progress-${unit[1].replace(/\W+/g, '-')}`;
  return (
    <div class="progress pairs-progress">
      <progress id={id} max={need} value={Math.min(have, need)} aria-labelledby={`${id}-label`} />
      <span class="progress-label" id={`${id}-label`}>
        {have} of {need} {have === 1 && need === 1 ? unit[0] : unit[1]} so far
      </span>
    </div>
  );
}

/** `progress`: draw the day pairs so far when there is no estimate yet (not when the page already does). */
function LaggedCard({ link, minPairs, progress }: { link: LaggedLink; minPairs: number; progress: boolean }) {
  const id = `lagged-${link.from}-${link.to}`;
  const words = effectWords(link);
  const measured = link.effect !== null && link.low !== null && link.high !== null;
  return (
    <li class="link-item" data-testid={id}>
      <section aria-labelledby={`${id}-title`}>
        <div class="link-head">
          <h3 id={`${id}-title`}>{laggedQuestion(link)}</h3>
          <VerdictChip verdict={link.verdict} />
        </div>
        {measured ? (
          <IntervalPlot
            value={link.effect!}
            low={link.low!}
            high={link.high!}
            half={extent([link.effect!, link.low!, link.high!])}
            left={`less ${link.to === 'affection' ? 'affection' : 'close'} next day`}
            right={`more ${link.to === 'affection' ? 'affection' : 'close'} next day`}
            verdict={link.verdict}
          />
        ) : (
          progress && <PairsProgress have={link.pairs} need={minPairs} unit={['day pair', 'day pairs']} />
        )}
        <p class="link-text">{link.text}</p>
        {words && <p class="link-numbers">{words}</p>}
        {link.correlation && (
          <p class="muted small">
            Correlation r = {dec(link.correlation.r)} (95% range {dec(link.correlation.low)} to {dec(link.correlation.high)}),
            over {plural(link.pairs, 'day pair', 'day pairs')}.
          </p>
        )}
      </section>
    </li>
  );
}

function SameDayCard({ link, minDays }: { link: SameDayLink; minDays: number }) {
  const id = `same-day-${link.from}`;
  const c = link.correlation;
  return (
    <li class="link-item" data-testid={id}>
      <section aria-labelledby={`${id}-title`}>
        <div class="link-head">
          <h3 id={`${id}-title`}>
            {metricNames[link.from]} <span aria-hidden="true">↔</span>
            <span class="visually-hidden"> and </span> closeness
          </h3>
          <VerdictChip verdict={link.verdict} />
        </div>
        {c ? (
          <IntervalPlot
            value={c.r}
            low={c.low}
            high={c.high}
            half={1}
            left="less close"
            right="closer"
            verdict={link.verdict}
          />
        ) : (
          <PairsProgress have={link.days} need={minDays} unit={['day', 'days']} />
        )}
        <p class="link-text">{link.text}</p>
        {c && (
          <p class="muted small">
            r = {dec(c.r)} (95% range {dec(c.low)} to {dec(c.high)}), over {plural(link.days, 'check-in', 'check-ins')}.
          </p>
        )}
      </section>
    </li>
  );
}

function SeriesChart({ data, partner }: { data: Data; partner: string | null }) {
  const { charts, failed } = useCharts();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const labels = data.series.map((d) => shortDay(d.date));
  const closeness = data.series.map((d) => d.closeness);
  const affection = data.series.map((d) => d.affection);
  const days = closeness.filter((v) => v !== null).length;
  useEffect(() => {
    if (!charts || !canvasRef.current || days === 0) return;
    const chart = charts.cycleChart(canvasRef.current, labels, closeness, affection);
    return () => chart.destroy();
  }, [charts, data]);

  const smooth = smoothed([closeness, affection]);
  const whose = partner ? `each the mean of you and ${partner} on the day` : 'from your own check-ins';
  const how = smooth ? '7-day average lines over dots for single days' : 'day by day';
  const description = `Chart over the last 90 days of closeness and affection from 0 to 10, ${whose}: ${how}, with gaps where there were too few check-ins. ${plural(days, 'day', 'days')} with check-ins.`;
  return (
    <section class="card chart-card" aria-labelledby="together-title" data-testid="cycle-chart">
      <h2 id="together-title">Closeness and affection, 90 days</h2>
      <p class="takeaway">
        {partner ? `For you and ${partner} together. ` : ''}When closeness and affection rise and fall together, the
        lines move side by side.
      </p>
      {days === 0 ? (
        <p class="muted">No check-ins in the last 90 days yet.</p>
      ) : failed ? (
        <p class="form-error" role="alert">
          The chart could not be loaded.
        </p>
      ) : (
        <div class="chart-box tall">
          <canvas ref={canvasRef} id="cycle-series-chart" role="img" aria-label={description} />
        </div>
      )}
      {days > 0 && smooth && <p class="chart-note">The lines are 7-day averages; the faint dots are the days themselves.</p>}
    </section>
  );
}

export function Cycle() {
  const { me } = useSession();
  const partner = me.couple?.status === 'paired' ? (partnerOf(me.couple)?.display_name ?? null) : null;
  const [load, reload] = useLoad(() => api.cycle(browserZone()), []);

  let body;
  if (load.state === 'loading') body = <Loading label="Looking at your days…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const data = load.data;
    body = (
      <>
        {!data.enough && (
          <section class="card warm" aria-labelledby="gathering-title" data-testid="not-enough">
            <h2 id="gathering-title">Not enough data yet</h2>
            <p>
              To see a link worth mentioning, Hearth needs at least {data.min_pairs} day pairs: two check-ins in a row,
              on one day and the next, {partner ? 'by either of you' : 'by you'}.
            </p>
            <PairsProgress have={data.pairs} need={data.min_pairs} unit={['day pair', 'day pairs']} />
            <p class="muted small">Every check-in helps; a missed day only means that pair is not counted.</p>
            <a class="button secondary" href={href('checkin')}>
              Today’s check-in
            </a>
          </section>
        )}
        <section class="stack-sm" aria-labelledby="lagged-title">
          <h2 id="lagged-title">From one day to the next</h2>
          <p class="muted small">
            The dot is the best estimate; the bar around it is the 95% range — where the true value most likely lies.
            When the bar crosses the middle line, the data cannot yet tell a link from none.
          </p>
          <ul class="link-list">
            {data.lagged.map((l) => (
              <LaggedCard key={`${l.from}-${l.to}`} link={l} minPairs={data.min_pairs} progress={data.enough} />
            ))}
          </ul>
        </section>
        <SeriesChart data={data} partner={partner} />
        <section class="stack-sm" aria-labelledby="same-day-title">
          <h2 id="same-day-title">On the same day</h2>
          <p class="muted small">
            How {lowerName('minutes_together')}, {lowerName('focused_minutes')} and screens getting in the way go with
            closeness on the same day. The dot is the correlation, from −1 to +1.
          </p>
          <ul class="link-list">
            {data.same_day.map((l) => (
              <SameDayCard key={l.from} link={l} minDays={data.min_pairs} />
            ))}
          </ul>
        </section>
        <p class="cycle-note" data-testid="cycle-note">
          {data.note}
        </p>
        <div class="actions">
          <a class="button secondary" href={href('checkin')}>
            Today’s check-in
          </a>
          <a class="button quiet" href={href('journey')}>
            Your journey
          </a>
        </div>
      </>
    );
  }

  return (
    <div class="stack cycle">
      <div>
        <a class="back-link" href={href('insights')}>
          <span aria-hidden="true">←</span> Insights
        </a>
        <PageTitle title="The positive cycle">The positive cycle</PageTitle>
        <p class="lede">
          Do the days when you feel closer tend to be followed by more affection — and does affection tend to be
          followed by feeling closer? Here is what your own check-ins say so far.
        </p>
      </div>
      {body}
    </div>
  );
}
