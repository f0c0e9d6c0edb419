// Insights: this week's rhythm, the weekly summary written from the couple's own check-ins, closeness
// side by side over 7/30/90 days (shared fields only for the partner), affection and time together as
// small charts, averages against the range before, and the lines of appreciation.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { href } from '../router';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { browserZone, shortDay } from '../insights/days';
import { AppreciationList, CheckinDownloads, RhythmDots, useCharts } from '../insights/parts';
import type { Insights as Data, Metric, SharedMetric, Values, Weekly } from '../insights/types';
import {
  changeWords,
  direction,
  metricNames,
  minutesWords,
  num,
  plural,
  smoothed,
  tone,
  valueWords,
} from '../insights/words';

type Days = 7 | 30 | 90;
import type { Line } from '../insights/charts';

type ChartsModule = typeof import('../insights/charts');
type Drawn = { destroy: () => void };

const ranges: Days[] = [7, 30, 90];

/** The range chosen last, kept for this tab only. */
const rangeMemory = {
  key: 'hearth.insights-days',
  get(): Days {
    try {
      const n = Number(sessionStorage.getItem(this.key));
      return n === 7 || n === 90 ? n : 30;
    } catch {
      return 30;
    }
  },
  set(days: Days) {
    try {
      sessionStorage.setItem(this.key, String(days));
    } catch {
      /* storage unavailable: the choice lasts until the screen closes */
    }
  },
};

function RangeSwitch({ days, onDays }: { days: Days; onDays: (d: Days) => void }) {
  return (
    <div class="range-switch" role="group" aria-label="How far back">
      {ranges.map((d) => (
        <button key={d} type="button" class="range-option" aria-pressed={d === days} onClick={() => onDays(d)}>
          {d} days
        </button>
      ))}
    </div>
  );
}

/** A chart with its title, takeaway, text alternative and numbers; drawn once the chart code is here. */
function ChartCard({
  id,
  title,
  takeaway,
  description,
  charts,
  failed,
  draw,
  table,
  note,
  small = false,
}: {
  id: string;
  title: string;
  takeaway: ComponentChildren;
  description: string;
  charts: ChartsModule | null;
  failed: boolean;
  draw: (m: ChartsModule, canvas: HTMLCanvasElement) => Drawn;
  table: ComponentChildren;
  note?: string;
  small?: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!charts || !canvasRef.current) return;
    const chart = draw(charts, canvasRef.current);
    return () => chart.destroy();
  }, [charts, draw]);
  return (
    <section class={`card chart-card${small ? ' small-chart' : ''}`} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="takeaway">{takeaway}</p>
      {failed ? (
        <p class="form-error" role="alert">
          The chart could not be loaded. The numbers are below.
        </p>
      ) : (
        <div class={`chart-box${small ? ' short' : ''}`}>
          <canvas ref={canvasRef} id={`${id}-chart`} role="img" aria-label={description} />
        </div>
      )}
      {note && !failed && <p class="chart-note">{note}</p>}
      <details class="disclosure" open={failed}>
        <summary>The numbers</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
          {table}
        </div>
      </details>
    </section>
  );
}

/** Days with at least one value, as rows: the charts' numbers. */
function DayTable({ data, columns }: { data: Data; columns: { title: string; value: (row: Data['series'][number]) => string | null }[] }) {
  const rows = data.series.filter((row) => columns.some((c) => c.value(row) !== null));
  if (rows.length === 0) return <p class="muted small">No check-ins in these days.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {columns.map((c) => (
            <th scope="col" key={c.title}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((row) => (
          <tr key={row.date}>
            <th scope="row">{shortDay(row.date)}</th>
            {columns.map((c) => (
              <td key={c.title}>{c.value(row) ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const count = (values: (number | null)[]) => values.filter((v) => v !== null).length;

function averageSentence(data: Data, metric: SharedMetric, partner: string | null): string {
  const mine = data.averages.me?.[metric];
  const theirs = data.averages.partner?.[metric];
  const words = (v: number) => valueWords(metric, v);
  if (mine != null && theirs != null) return `On average: you ${words(mine)}, ${partner} ${words(theirs)}.`;
  if (mine != null) return `On average: ${words(mine)}${partner ? `. No check-ins from ${partner} in these days.` : '.'}`;
  if (theirs != null) return `On average: ${partner} ${words(theirs)}. No check-ins from you in these days.`;
  return 'No check-ins in these days.';
}

/** Closeness side by side, then affection and time together as small charts. */
function Charts({ data, days }: { data: Data; days: Days }) {
  const { charts, failed } = useCharts();
  const partner = data.partner?.display_name ?? null;
  const labels = data.series.map((d) => shortDay(d.date));
  const mine = (m: SharedMetric) => data.series.map((d) => d.me?.[m] ?? null);
  const theirs = (m: SharedMetric) => data.series.map((d) => d.partner?.[m] ?? null);

  function scale(metric: 'closeness' | 'affection') {
    const lines: Line[] = [{ label: 'You', values: mine(metric), tone: 'me' }];
    if (partner) lines.push({ label: partner, values: theirs(metric), tone: 'partner' });
    return lines;
  }
  function describe(metric: 'closeness' | 'affection'): string {
    const name = metric === 'closeness' ? 'closeness' : 'physical affection';
    const parts = scale(metric).map((l) => {
      const n = count(l.values);
      const avg = l.tone === 'me' ? data.averages.me?.[metric] : data.averages.partner?.[metric];
      return n === 0 ? `${l.label}: no check-ins` : `${l.label}: ${plural(n, 'day', 'days')}, average ${num(avg ?? 0)} of 10`;
    });
    const how = smoothed(scale(metric).map((l) => l.values)) ? '7-day average lines over dots for single days' : 'day by day';
    return `Line chart of ${name} from 0 to 10 over the last ${days} days, ${how}, with gaps on days without a check-in. ${parts.join('; ')}.`;
  }

  const closenessLines = scale('closeness');
  const affectionLines = scale('affection');
  const focused = mine('focused_minutes');
  const together = mine('minutes_together');
  const rest = together.map((t, i) => (t === null ? null : t - (focused[i] ?? 0)));

  const sharedColumns = (metric: 'closeness' | 'affection') => [
    { title: 'You', value: (r: Data['series'][number]) => (r.me ? String(r.me[metric]) : null) },
    ...(partner ? [{ title: partner, value: (r: Data['series'][number]) => (r.partner ? String(r.partner[metric]) : null) }] : []),
  ];

  // Made once per answer from the server, so a chart is drawn again only when the data change.
  const draws = useMemo(
    () => ({
      closeness: (m: ChartsModule, c: HTMLCanvasElement) => m.scaleChart(c, labels, closenessLines),
      affection: (m: ChartsModule, c: HTMLCanvasElement) => m.scaleChart(c, labels, affectionLines),
      time: (m: ChartsModule, c: HTMLCanvasElement) => m.timeChart(c, labels, focused, rest),
    }),
    [data],
  );

  const smoothNote = (lines: Line[]) =>
    smoothed(lines.map((l) => l.values)) ? 'Lines are 7-day averages; the faint dots are single days.' : undefined;
  const myTogether = data.averages.me?.minutes_together;
  const myFocused = data.averages.me?.focused_minutes;

  return (
    <>
      <ChartCard
        id="closeness"
        title={partner ? 'Closeness, side by side' : 'Your closeness'}
        takeaway={averageSentence(data, 'closeness', partner)}
        description={describe('closeness')}
        charts={charts}
        failed={failed}
        draw={draws.closeness}
        table={<DayTable data={data} columns={sharedColumns('closeness')} />}
        note={smoothNote(closenessLines)}
      />
      <div class="small-multiples">
        <ChartCard
          id="affection"
          title="Affection"
          takeaway={averageSentence(data, 'affection', partner)}
          description={describe('affection')}
          charts={charts}
          failed={failed}
          draw={draws.affection}
          table={<DayTable data={data} columns={sharedColumns('affection')} />}
          note={smoothNote(affectionLines)}
          small
        />
        <ChartCard
          id="time"
          title="Your time together"
          takeaway={
            myTogether != null && myFocused != null
              ? `About ${minutesWords(myTogether)} a day, ${minutesWords(myFocused)} of it focused and phone-free.`
              : 'No check-ins from you in these days.'
          }
          description={`Bar chart of your minutes together each day over the last ${days} days, the focused, phone-free part at the bottom. ${
            myTogether != null ? `Average ${minutesWords(myTogether)}, of which ${minutesWords(myFocused ?? 0)} focused.` : ''
          }`}
          charts={charts}
          failed={failed}
          draw={draws.time}
          table={
            <DayTable
              data={data}
              columns={[
                { title: 'Together', value: (r) => (r.me ? minutesWords(r.me.minutes_together) : null) },
                { title: 'Focused', value: (r) => (r.me ? minutesWords(r.me.focused_minutes) : null) },
              ]}
            />
          }
          small
        />
      </div>
    </>
  );
}

/** Where the scale runs for the picture: 0–10, 1–5, or minutes up to the nearest hour above the values. */
function domain(m: Metric, values: number[]): [number, number] {
  if (m === 'mood' || m === 'stress') return [1, 5];
  if (m === 'self_care') return [0, 1];
  if (m === 'minutes_together' || m === 'focused_minutes') return [0, Math.max(60, Math.ceil(Math.max(...values) / 60) * 60)];
  return [0, 10];
}

/** The number alone, for the end of a row: "6.5", "1 h 26 min", "42%". */
function shortValue(m: Metric, v: number): string {
  if (m === 'minutes_together' || m === 'focused_minutes') return minutesWords(v);
  if (m === 'self_care') return `${Math.round(v * 100)}%`;
  return num(v);
}

/** A hollow dot for the range before, a filled one for this range, joined: which way it moved, at a glance. */
function Track({ now, before, range, who }: { now: number; before: number | null; range: [number, number]; who: 'me' | 'partner' }) {
  // Percentages, not a viewBox: the track stretches with the row while the dots stay round.
  const x = (v: number) => `${4 + ((Math.min(Math.max(v, range[0]), range[1]) - range[0]) / (range[1] - range[0])) * 92}%`;
  return (
    <svg class={`track ${who}`} aria-hidden="true" focusable="false">
      <line class="track-line" x1="4%" y1="12" x2="96%" y2="12" />
      {before !== null && <line class="track-move" x1={x(before)} y1="12" x2={x(now)} y2="12" />}
      {before !== null && <circle class="track-before" cx={x(before)} cy="12" r="6" />}
      <circle class="track-now" cx={x(now)} cy="12" r="7" />
    </svg>
  );
}

function AverageRow({
  metric,
  people,
  compare,
}: {
  metric: Metric;
  people: { who: 'me' | 'partner'; name: string; now: number | null | undefined; before: number | null | undefined }[];
  /** Whether this range is compared with the one before at all (else no "nothing to compare" lines). */
  compare: boolean;
}) {
  const known = people.filter((p) => p.now != null);
  if (known.length === 0) return null;
  const range = domain(metric, people.flatMap((p) => [p.now, p.before]).filter((v): v is number => v != null));
  return (
    <li class="average-row" data-testid={`average-${metric}`}>
      <h3 class="average-name">{metricNames[metric]}</h3>
      {known.map((p) => {
        const now = p.now as number;
        const before = p.before ?? null;
        const t = before === null ? 'same' : tone(metric, direction(metric, now, before));
        return (
          <div class={`average-person ${p.who}`} key={p.who}>
            <span class="average-who">{p.name}</span>
            <Track now={now} before={before} range={range} who={p.who} />
            <strong class="average-value">{shortValue(metric, now)}</strong>
            {(before !== null || compare) && <span class={`average-change ${t}`}>{changeWords(metric, now, before)}</span>}
          </div>
        );
      })}
    </li>
  );
}

const sharedMetrics: SharedMetric[] = [
  'closeness',
  'connection',
  'affection',
  'minutes_together',
  'focused_minutes',
  'tech_interference',
];

function Averages({ data }: { data: Data }) {
  const partner = data.partner?.display_name ?? null;
  const me = data.averages.me;
  if (!me && !data.averages.partner) return null;
  const privateMetrics: Metric[] = ['mood', 'stress', 'self_care'];
  const mineOf = (v: Values | null, m: Metric) => (v ? (v[m] as number) : null);
  // Nothing before this range yet (new to Hearth): plain averages, no "compared with".
  const before = data.previous.me !== null || data.previous.partner !== null;
  return (
    <section class="card averages" aria-labelledby="averages-title">
      <h2 id="averages-title">{before ? `Compared with the ${data.days} days before` : `On average, the last ${data.days} days`}</h2>
      {before ? (
        <p class="muted small averages-key" aria-hidden="true">
          <span class="key-before" /> the {data.days} days before <span class="key-now" /> the last {data.days} days
        </p>
      ) : (
        <p class="muted small">Once there are check-ins from before these {data.days} days, this shows how things have moved.</p>
      )}
      <ul class="average-list">
        {sharedMetrics.map((m) => (
          <AverageRow
            key={m}
            metric={m}
            compare={before}
            people={[
              { who: 'me', name: 'You', now: me?.[m], before: data.previous.me?.[m] },
              ...(partner
                ? [{ who: 'partner' as const, name: partner, now: data.averages.partner?.[m], before: data.previous.partner?.[m] }]
                : []),
            ]}
          />
        ))}
      </ul>
      {me && (
        <>
          <h3 class="private-heading">Only you see these</h3>
          <ul class="average-list">
            {privateMetrics.map((m) => (
              <AverageRow
                key={m}
                metric={m}
                compare={before}
                people={[{ who: 'me', name: 'You', now: mineOf(me, m), before: mineOf(data.previous.me, m) }]}
              />
            ))}
          </ul>
          <p class="muted small">Mood and stress are on 1 to 5; self-care is the share of your check-in days with some.</p>
        </>
      )}
    </section>
  );
}

function WeeklySummary({ weekly, partner }: { weekly: Weekly; partner: string | null }) {
  const range = `${shortDay(weekly.from)} – ${shortDay(weekly.to)}`;
  return (
    <section class="card weekly" aria-labelledby="weekly-title" data-testid="weekly">
      <p class="eyebrow">{range}</p>
      <h2 id="weekly-title">{partner ? 'Your week together' : 'Your week'}</h2>
      {!weekly.enough ? (
        <>
          <p>
            A summary of your week appears once there are at least 3 check-ins in each of the last two weeks
            {partner ? ' between the two of you' : ''}.
          </p>
          <p class="muted small">
            This week so far: {partner ? `you ${weekly.my_checkins}, ${partner} ${weekly.partner_checkins}` : plural(weekly.my_checkins, 'check-in', 'check-ins')}.
          </p>
        </>
      ) : (
        <>
          <div class="weekly-part went-well">
            <h3>What went well</h3>
            {weekly.went_well.length ? (
              <ul>
                {weekly.went_well.map((c) => (
                  <li key={c.metric}>{c.text}</li>
                ))}
              </ul>
            ) : (
              <p class="muted">Nothing rose much compared with the week before — steady is fine too.</p>
            )}
          </div>
          <div class="weekly-part dipped">
            <h3>What dipped</h3>
            {weekly.dipped.length ? (
              <ul>
                {weekly.dipped.map((c) => (
                  <li key={c.metric}>{c.text}</li>
                ))}
              </ul>
            ) : (
              <p class="muted">Nothing dipped compared with the week before.</p>
            )}
          </div>
          {weekly.try && (
            <div class="try" data-testid="weekly-try">
              <h3>One thing to try</h3>
              <p class="try-text">{weekly.try.text}</p>
              <p class="try-why">
                <strong>Why this:</strong> {weekly.try.why}
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function TodayCard({ data }: { data: Data }) {
  const done = data.rhythm.week.some((d) => d.date === data.rhythm.today && d.checked_in);
  return (
    <section class="card rhythm-card" aria-labelledby="week-title">
      <h2 id="week-title">This week</h2>
      <RhythmDots rhythm={data.rhythm} showTotal />
      <a class={`button ${done ? 'quiet' : 'primary'}`} href={href('checkin')}>
        {done ? 'Edit today’s check-in' : 'Check in for today'}
      </a>
    </section>
  );
}

function Body({ data, chosen, onDays }: { data: Data; chosen: Days; onDays: (d: Days) => void }) {
  const days = data.days;
  const partner = data.partner?.display_name ?? null;
  const partnerHasDays = data.series.some((d) => d.partner !== null);

  if (data.rhythm.total === 0 && !partnerHasDays) {
    return (
      <>
        <Card labelledBy="first-title" tone="warm">
          <h2 id="first-title">It starts with one check-in</h2>
          <p>
            A minute at the end of the day: how close you felt, how much affection there was, how much time you had
            together. After a few days, this page shows how your days have felt
            {partner ? `, side by side with ${partner}` : ''} — and what seems to help.
          </p>
          <a class="button primary" href={href('checkin')}>
            Check in for today
          </a>
        </Card>
        <section class="stack-sm" aria-labelledby="coming-title">
          <h2 id="coming-title">What will appear here</h2>
          <ul class="coming-list">
            <li>Your week, as a row of gentle dots — no streaks to keep.</li>
            <li>A short summary each week: what went well, what dipped, and one thing to try.</li>
            <li>Closeness{partner ? ` for you and ${partner}, side by side` : ''}, affection and time together over 7, 30 or 90 days.</li>
            <li>Whether closer days tend to go with more affection on the days after, and the other way round.</li>
          </ul>
        </section>
        <p>
          <a class="path-link" href={href('journey')}>
            Your journey so far <span aria-hidden="true">→</span>
          </a>
        </p>
      </>
    );
  }

  const mineInRange = data.series.some((d) => d.me !== null);
  return (
    <>
      <TodayCard data={data} />
      <WeeklySummary weekly={data.weekly} partner={partner} />
      {data.appreciations.length > 0 && (
        <section class="card appreciation-card" aria-labelledby="kind-title" data-testid="appreciations">
          <h2 id="kind-title">Words of appreciation</h2>
          <p class="muted small">
            From the last two weeks: {partner ? `what ${partner} chose to share with you, and your own lines (shared or not).` : 'your own lines.'}
          </p>
          <AppreciationList items={data.appreciations} today={data.today} partner={partner ?? 'Your partner'} />
        </section>
      )}
      <section class="stack range-section" aria-labelledby="range-title">
        <div class="range-head">
          <h2 id="range-title">Over the last {days} days</h2>
          <RangeSwitch days={chosen} onDays={onDays} />
        </div>
        {!mineInRange && (
          <p class="muted">
            You have no check-ins in these days{partnerHasDays && partner ? `; ${partner}’s are shown` : ''}.
          </p>
        )}
        <Charts data={data} days={days} />
        <Averages data={data} />
      </section>
      <nav class="link-cards" aria-label="More insights">
        <a class="link-card" href={href('insights', 'cycle')}>
          <span class="link-card-title">The positive cycle</span>
          <span class="muted small">Do closer days go with more affection on the days after — and the other way round?</span>
        </a>
        <a class="link-card" href={href('journey')}>
          <span class="link-card-title">Your journey</span>
          <span class="muted small">The steps you have taken so far, newest first.</span>
        </a>
      </nav>
      <section class="card" aria-labelledby="download-title">
        <h2 id="download-title">Your check-ins are yours</h2>
        <p class="muted">Download every check-in you have made, with all its answers, to keep or to look at elsewhere.</p>
        <CheckinDownloads />
      </section>
    </>
  );
}

export function Insights() {
  const [days, setDays] = useState<Days>(rangeMemory.get());
  const [load, reload] = useLoad(() => api.insights(days, browserZone()), [days]);
  // While another range loads, the last one stays on screen (marked busy) rather than blinking away.
  const last = useRef<Data | null>(null);
  if (load.state === 'ready') last.current = load.data;
  const shown = load.state === 'ready' ? load.data : load.state === 'loading' ? last.current : null;

  const choose = (d: Days) => {
    rangeMemory.set(d);
    setDays(d);
  };

  let body;
  if (shown) body = <Body data={shown} chosen={days} onDays={choose} />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else body = <Loading label="Gathering your days…" />;

  return (
    <div class="stack insights" aria-busy={load.state === 'loading' && shown !== null ? 'true' : undefined}>
      <div>
        <PageTitle title="Insights">Insights</PageTitle>
        <p class="lede">How your days have felt, drawn from your own check-ins. Nothing here is a score.</p>
      </div>
      {body}
    </div>
  );
}
