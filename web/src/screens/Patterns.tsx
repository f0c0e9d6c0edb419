// Patterns over the couple's disagreements: drawn as charts, each with one plain sentence and the numbers.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Patterns as PatternData } from '../api';
import { Button, Card, Loading, PageTitle } from '../components';
import { href } from '../router';
import { useSession } from '../session';
import { Unavailable, useToolsReason } from './Conflicts';

/** Below this many conversations a "pattern" would be noise. */
const ENOUGH = 3;

type ChartsModule = typeof import('../conflict/charts');
type Drawn = { destroy: () => void };

function monthLabels(months: string[]): string[] {
  const years = new Set(months.map((m) => m.slice(0, 4)));
  const fmt = new Intl.DateTimeFormat(undefined, years.size > 1 ? { month: 'short', year: '2-digit' } : { month: 'short' });
  return months.map((m) => {
    const [y, mo] = m.split('-').map(Number);
    return fmt.format(new Date(Date.UTC(y, mo - 1, 15)));
  });
}

const longMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }).format(new Date(Date.UTC(y, mo - 1, 15)));
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A chart with its takeaway, its text alternative and its numbers. */
function ChartFigure({
  id,
  title,
  takeaway,
  description,
  draw,
  charts,
  table,
  note,
  empty = false,
}: {
  id: string;
  title: string;
  takeaway: string;
  description: string;
  draw: (m: ChartsModule, canvas: HTMLCanvasElement) => Drawn;
  charts: ChartsModule | null;
  table: ComponentChildren;
  note?: ComponentChildren;
  /** Nothing to draw yet: the takeaway says so and no empty chart is shown. */
  empty?: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!charts || !canvasRef.current || empty) return;
    const chart = draw(charts, canvasRef.current);
    return () => chart.destroy();
  }, [charts]); // the data behind `draw` does not change once loaded
  return (
    <section class="card chart-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="takeaway" data-testid={`${id}-takeaway`}>
        {takeaway}
      </p>
      {!empty && (
        <div class="chart-box">
          <canvas ref={canvasRef} id={`${id}-chart`} role="img" aria-label={description} />
        </div>
      )}
      {!empty && note}
      {!empty && (
        <details class="disclosure">
          <summary>The numbers</summary>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
            {table}
          </div>
        </details>
      )}
    </section>
  );
}

function Charts({ data }: { data: PatternData }) {
  const [charts, setCharts] = useState<ChartsModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../conflict/charts').then(setCharts, () => setFailed(true));
  }, []);

  const months = [...data.months].sort((a, b) => a.month.localeCompare(b.month));
  const labels = monthLabels(months.map((m) => m.month));
  const open = months.map((m) => Math.max(0, m.started - m.agreed - m.unresolved));
  const ratios = months.map((m) => (m.harsh > 0 ? m.helpful / m.harsh : m.helpful > 0 ? Infinity : null));
  const people = [...data.partners].sort((a, b) => Number(b.is_me) - Number(a.is_me));
  const me = people.find((p) => p.is_me);
  const them = people.find((p) => !p.is_me);
  const name = (p: { is_me: boolean; display_name: string }) => (p.is_me ? 'You' : p.display_name);
  const withdrewTotal = (p: (typeof people)[number]) => p.paused_without_return + p.closed_unresolved;

  // --- How often, how it ended
  const { agreed, unresolved, paused } = data.outcomes;
  const openNow = data.outcomes.open;
  let outcomeTakeaway: string;
  if (agreed * 2 >= data.total) outcomeTakeaway = `Most of your conversations — ${agreed} of ${data.total} — ended in an agreement.`;
  else if (unresolved > agreed)
    outcomeTakeaway = `More conversations ended without an agreement (${unresolved}) than with one (${agreed}). Worth noticing, not a verdict.`;
  else {
    const going = openNow + paused;
    outcomeTakeaway = `${agreed} of ${data.total} conversations ended in an agreement so far; ${going} ${going === 1 ? 'is' : 'are'} still going.`;
  }

  // --- Tone
  const ratio = data.tone.ratio;
  const reference = data.tone.reference;
  let toneTakeaway: string;
  const noTone = data.tone.helpful + data.tone.harsh === 0;
  if (noTone) toneTakeaway = 'The coach has not counted any helpful or harsh words in what you shared yet.';
  else if (ratio === null || data.tone.harsh === 0) toneTakeaway = 'No harsh words flagged in what you shared — only helpful ones.';
  else if (ratio >= reference)
    toneTakeaway = `About ${ratio.toFixed(1)} helpful words for every harsh one — around what stable couples show.`;
  else
    toneTakeaway = `About ${ratio.toFixed(1)} helpful words for every harsh one. Softer openings and more “I” sentences tend to raise it.`;

  // --- Roles
  let rolesTakeaway = 'You both bring things up, and neither of you tends to step away more.';
  if (me && them) {
    const raisedMe = me.raised;
    const raisedThem = them.raised;
    const awayMe = withdrewTotal(me);
    const awayThem = withdrewTotal(them);
    const raiser = raisedMe >= 2 * Math.max(1, raisedThem) ? me : raisedThem >= 2 * Math.max(1, raisedMe) ? them : null;
    const stepper = awayMe > awayThem ? me : awayThem > awayMe ? them : null;
    if (raiser && stepper && raiser !== stepper) {
      rolesTakeaway = raiser.is_me
        ? `You usually bring things up, and ${them.display_name} more often steps away. A common pattern, and worth a gentle talk.`
        : `${them.display_name} usually brings things up, and you more often step away. A common pattern, and worth a gentle talk.`;
    } else if (raiser) {
      rolesTakeaway = raiser.is_me ? 'You bring up most of the disagreements.' : `${them.display_name} brings up most of the disagreements.`;
    } else if (stepper) {
      rolesTakeaway = stepper.is_me ? 'You step away a little more often.' : `${them.display_name} steps away a little more often.`;
    }
  }

  if (failed) {
    return (
      <p class="form-error" role="alert">
        The charts could not be loaded. Please reload the page to try again.
      </p>
    );
  }

  return (
    <>
      <ul class="outcome-stats" aria-label="How your conversations ended">
        <li class="agreed">
          <span class="stat">{agreed}</span> agreed
        </li>
        <li class="unresolved">
          <span class="stat">{unresolved}</span> without agreement
        </li>
        <li class="paused">
          <span class="stat">{paused}</span> on a break
        </li>
        <li class="open">
          <span class="stat">{openNow}</span> still open
        </li>
      </ul>

      <ChartFigure
        id="outcomes"
        title="How often, and how it ended"
        takeaway={outcomeTakeaway}
        description={`Bar chart of conversations started each month, by how they ended. ${months
          .map((m, i) => `${labels[i]}: ${m.started} started, ${m.agreed} agreed, ${m.unresolved} without agreement`)
          .join('; ')}.`}
        charts={charts}
        draw={(c, canvas) => c.outcomesChart(canvas, { labels, agreed: months.map((m) => m.agreed), unresolved: months.map((m) => m.unresolved), open })}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Started</th>
                <th scope="col">Agreed</th>
                <th scope="col">Not agreed</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m, i) => (
                <tr key={m.month}>
                  <th scope="row">{longMonth(m.month)}</th>
                  <td>{m.started}</td>
                  <td>{m.agreed}</td>
                  <td>{m.unresolved}</td>
                  <td>{open[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartFigure
        id="tone"
        title="The tone between you"
        takeaway={toneTakeaway}
        description={`Line chart of helpful words for each harsh one, per month, with a dashed reference line at ${reference} to 1. ${months
          .map((m, i) => `${labels[i]}: ${m.helpful} helpful, ${m.harsh} harsh`)
          .join('; ')}.`}
        charts={charts}
        draw={(c, canvas) => c.toneChart(canvas, labels, ratios, reference)}
        empty={noTone}
        note={
          <p class="chart-note">
            The dashed line: about {reference} helpful to 1 harsh is what stable couples show during conflict (Gottman &amp;
            Levenson 1992). It describes couples on average — a direction, not a score to pass. The coach counts what it
            noticed in what you both shared.
          </p>
        }
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Helpful</th>
                <th scope="col">Harsh</th>
                <th scope="col">Ratio</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m, i) => (
                <tr key={m.month}>
                  <th scope="row">{longMonth(m.month)}</th>
                  <td>{m.helpful}</td>
                  <td>{m.harsh}</td>
                  <td>{ratios[i] === null ? '—' : ratios[i] === Infinity ? 'no harsh words' : ratios[i]!.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartFigure
        id="roles"
        title="Who raises it, who steps away"
        takeaway={rolesTakeaway}
        description={`Bar chart per month and partner: bars up are disagreements each of you started, bars down are breaks not returned from and conversations closed without agreement. ${people
          .map((p) => `${name(p)}: raised ${p.raised}, stepped away ${withdrewTotal(p)}`)
          .join('; ')}.`}
        charts={charts}
        draw={(c, canvas) =>
          c.rolesChart(canvas, {
            labels,
            people: people.map((p) => ({
              name: name(p),
              isMe: p.is_me,
              raised: months.map((m) => m.raised[p.id] ?? 0),
              withdrew: months.map((m) => m.withdrew[p.id] ?? 0),
            })),
          })
        }
        note={
          <p class="chart-note">
            Up: who started a conversation. Down: breaks not come back from, and conversations closed without an
            agreement. Stepping away is not wrong in itself — a break you come back from is healthy. When one keeps
            raising things and the other keeps stepping away, couples often feel more stuck.
          </p>
        }
        table={
          <table>
            <thead>
              <tr>
                <td />
                {people.map((p) => (
                  <th scope="col" key={p.id}>
                    {name(p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Raised a disagreement', (p) => p.raised],
                  ['Took a break', (p) => p.paused],
                  ['Did not come back from a break', (p) => p.paused_without_return],
                  ['Closed without an agreement', (p) => p.closed_unresolved],
                ] as [string, (p: (typeof people)[number]) => number][]
              ).map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {people.map((p) => (
                    <td key={p.id}>{value(p)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}

function suggestHelp(data: PatternData): boolean {
  const { agreed, unresolved } = data.outcomes;
  const stuck = unresolved >= 3 && unresolved > agreed;
  const harsh = data.tone.ratio !== null && data.tone.harsh >= 5 && data.tone.ratio < 1;
  return stuck || harsh;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: PatternData };

export function Patterns() {
  const { refresh } = useSession();
  const reason = useToolsReason();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  async function fetchPatterns() {
    setLoad({ state: 'loading' });
    try {
      setLoad({ state: 'ready', data: await api.patterns() });
    } catch (error) {
      if (error instanceof ApiError && (error.type === 'conflict-tools-unavailable' || error.type === 'not-in-couple')) void refresh();
      setLoad({ state: 'failed', message: error instanceof ApiError ? error.detail : 'Something went wrong.' });
    }
  }
  useEffect(() => {
    if (!reason) void fetchPatterns();
  }, [reason]);

  let body: ComponentChildren;
  if (reason === 'checking') body = <Loading />;
  else if (reason) body = <Unavailable reason={reason} />;
  else if (load.state === 'loading') body = <Loading label="Gathering your patterns…" />;
  else if (load.state === 'failed') {
    body = (
      <div class="stack-sm">
        <p class="form-error" role="alert">
          {load.message}
        </p>
        <Button type="button" variant="secondary" onClick={() => void fetchPatterns()}>
          Try again
        </Button>
      </div>
    );
  } else if (load.data.total < ENOUGH) {
    const n = load.data.total;
    body = (
      <Card labelledBy="few-title" tone="calm">
        <h2 id="few-title">Not enough to see a pattern yet</h2>
        <p>
          Patterns start to mean something after about {ENOUGH} conversations.{' '}
          {n === 0 ? 'You have not had one here yet.' : `So far there ${n === 1 ? 'is' : 'are'} ${plural(n, 'conversation', 'conversations')}.`}{' '}
          Until then, each one is just itself — and fewer disagreements is nothing to worry about.
        </p>
        <a class="button secondary" href={href('conflicts')}>
          Back to Talk it through
        </a>
      </Card>
    );
  } else {
    body = (
      <>
        <Charts data={load.data} />
        {suggestHelp(load.data) && (
          <Card labelledBy="help-title" tone="warm">
            <h2 id="help-title">Someone to help you both</h2>
            <p>
              Some of your disagreements stay stuck or get harsh. A couples counsellor can help you find a new way
              through them. Asking for help is an act of care, not a failure.
            </p>
          </Card>
        )}
      </>
    );
  }

  return (
    <div class="stack">
      <div>
        <a class="back-link" href={href('conflicts')}>
          <span aria-hidden="true">←</span> Talk it through
        </a>
        <PageTitle title="Patterns">Your patterns</PageTitle>
        <p class="lede">How disagreements go between you, over time. Only what you have both shared is counted.</p>
      </div>
      {body}
    </div>
  );
}
