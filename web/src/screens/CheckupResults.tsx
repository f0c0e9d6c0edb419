// My results for one check-up: each area as a bar on 0–100 with its band, the wish beside the real
// when there is one, the change since last time, the history as a chart, and for two-axis check-ups
// where I am on the map. Only I see this screen's numbers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { formatDate } from '../format';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import type { Instrument, ResultArea, Results } from '../assessments/types';
import { LoadFailed, LowerIsCalmer, MapReading, PositionMap, ScoreBar, positionWords } from '../assessments/parts';
import { useLoad } from '../assessments/load';
import { changeTone, changeWords, dayMonth, whole } from '../assessments/words';

type ChartsModule = typeof import('../assessments/charts');

/** "You would like this 20 points higher." */
function gapWords(gap: number): string {
  const n = whole(gap);
  if (Math.abs(n) < 10) return 'Close to how you would like it.';
  return `You would like this ${Math.abs(n)} points ${n > 0 ? 'higher' : 'lower'}.`;
}

function ChangeLine({ change, higherIs, since }: { change: number; higherIs: ResultArea['higher_is']; since?: string }) {
  const tone = changeTone(change, higherIs);
  const arrow = tone === 'same' ? '→' : whole(change) > 0 ? '↑' : '↓';
  return (
    <p class={`change ${tone}`}>
      <span class="change-arrow" aria-hidden="true">
        {arrow}
      </span>{' '}
      {changeWords(change, since)}
      {tone === 'better' && higherIs === 'worse' && <span class="muted"> — calmer</span>}
    </p>
  );
}

function AreaResult({ area, instrument, since }: { area: ResultArea; instrument: Instrument; since?: string }) {
  const id = `area-${area.subscale}`;
  const ideal = instrument.ideal;
  return (
    <li class="area" data-testid={id}>
      <section aria-labelledby={`${id}-title`}>
        <div class="area-head">
          <h3 id={`${id}-title`}>{area.title}</h3>
          <span class="band-chip">{area.band.label}</span>
        </div>
        <div class="bars">
          {area.ideal !== null && ideal ? (
            <>
              <ScoreBar name={ideal.real_label} score={area.score} />
              <ScoreBar name={ideal.ideal_label} score={area.ideal} tone="ideal" />
            </>
          ) : (
            <ScoreBar name="Your score" score={area.score} />
          )}
        </div>
        <LowerIsCalmer higherIs={area.higher_is} />
        <p class="band-meaning">{area.band.meaning}</p>
        {area.ideal_gap !== null && <p class="gap">{gapWords(area.ideal_gap)}</p>}
        {area.change !== null && <ChangeLine change={area.change} higherIs={area.higher_is} since={since} />}
      </section>
    </li>
  );
}

function History({ results }: { results: Results }) {
  const [charts, setCharts] = useState<ChartsModule | null>(null);
  const [failed, setFailed] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    import('../assessments/charts').then(setCharts, () => setFailed(true));
  }, []);

  const history = results.history;
  const labels = history.map((a) => dayMonth(a.submitted_at));
  const areas = results.areas.map((area) => ({
    area,
    scores: history.map((a) => a.scores[area.subscale]?.score ?? null),
  }));

  useEffect(() => {
    if (!charts || !canvasRef.current) return;
    const chart = charts.historyChart(canvasRef.current, {
      labels,
      areas: areas.map(({ area, scores }) => ({ title: area.title, scores, lowerIsCalmer: area.higher_is === 'worse' })),
    });
    return () => chart.destroy();
  }, [charts]);

  // The takeaway: which area moved most between the first and the latest time.
  const moves = areas
    .map(({ area, scores }) => {
      const known = scores.filter((s): s is number => s !== null);
      return { area, move: known.length >= 2 ? known[known.length - 1] - known[0] : 0 };
    })
    .sort((a, b) => Math.abs(b.move) - Math.abs(a.move));
  const biggest = moves[0];
  let takeaway = `Over ${history.length} times, your scores have stayed about the same.`;
  if (biggest && Math.abs(whole(biggest.move)) >= 3) {
    const tone = changeTone(biggest.move, biggest.area.higher_is);
    const moved = `${whole(biggest.move) > 0 ? 'up' : 'down'} ${Math.abs(whole(biggest.move))}`;
    const how = tone === 'better' ? ', in the direction you would hope' : tone === 'harder' ? ' — worth a gentle look' : '';
    const since = dayMonth(history[0].submitted_at);
    takeaway =
      areas.length === 1
        ? `Since ${since}, ${biggest.area.title} has gone ${moved}${how}.`
        : `Since ${since}, ${biggest.area.title} has moved the most: ${moved}${how}.`;
  }
  const description = `Line chart of your scores from 0 to 100 over ${history.length} times. ${areas
    .map(({ area, scores }) => `${area.title}: ${scores.map((s) => (s === null ? 'no score' : whole(s))).join(', then ')}`)
    .join('; ')}.`;

  return (
    <section class="card chart-card" aria-labelledby="history-title">
      <h2 id="history-title">How it has changed</h2>
      <p class="takeaway" data-testid="history-takeaway">
        {takeaway}
      </p>
      {failed ? (
        <p class="form-error" role="alert">
          The chart could not be loaded. The numbers are below.
        </p>
      ) : (
        <div class="chart-box tall">
          <canvas ref={canvasRef} id="history-chart" role="img" aria-label={description} />
        </div>
      )}
      {areas.some(({ area }) => area.higher_is === 'worse') && (
        <p class="chart-note">Dashed lines are areas where a lower score is the calmer one.</p>
      )}
      <details class="disclosure" open={failed}>
        <summary>The numbers</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Your scores over time">
          <table>
            <thead>
              <tr>
                <th scope="col">Area</th>
                {history.map((a) => (
                  <th scope="col" key={a.id}>
                    {dayMonth(a.submitted_at)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {areas.map(({ area, scores }) => (
                <tr key={area.subscale}>
                  <th scope="row">{area.title}</th>
                  {scores.map((s, i) => (
                    <td key={history[i].id}>{s === null ? '—' : whole(s)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function MapResult({ results, instrument }: { results: Results; instrument: Instrument }) {
  const map = results.map!;
  const def = instrument.map;
  const subscale = (id: string) => instrument.subscales.find((s) => s.id === id);
  const xArea = subscale(map.x_subscale);
  const yArea = subscale(map.y_subscale);
  const xTitle = xArea?.title ?? map.x_subscale;
  const yTitle = yArea?.title ?? map.y_subscale;
  return (
    <Card labelledBy="map-title" tone="calm">
      <h2 id="map-title">Where you are on the map</h2>
      <p class="map-region-name">
        <span class="eyebrow">Closest to</span>
        <strong>{map.region.label}</strong>
      </p>
      <p>{map.region.meaning}</p>
      <p class="map-note" data-testid="map-note">
        {map.note}
      </p>
      {def && (
        <PositionMap
          map={def}
          xTitle={xTitle}
          yTitle={yTitle}
          dots={[{ name: 'You', x: map.x, y: map.y, tone: 'me' }]}
          description={<>You: {positionWords(xTitle, map.x, yTitle, map.y, map.region)}</>}
        />
      )}
      {xArea && yArea && <MapReading x={xArea} y={yArea} />}
    </Card>
  );
}

export function CheckupResults({ id }: { id: string }) {
  const { me } = useSession();
  const partner = me.couple?.status === 'paired' ? partnerOf(me.couple)?.display_name : undefined;
  const [load, reload] = useLoad(() => Promise.all([api.results(id), api.instrument(id)]), [id]);

  let title = 'Your results';
  let body;
  if (load.state === 'loading') body = <Loading label="Gathering your results…" />;
  else if (load.state === 'failed' && load.error?.type === 'no-results') {
    body = (
      <Card labelledBy="none-title" tone="warm">
        <h2 id="none-title">No results yet</h2>
        <p>Your results appear here as soon as you have finished this check-up once.</p>
        <a class="button primary" href={href('checkups', `${id}/take`)}>
          Go to the questions
        </a>
      </Card>
    );
  } else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const [results, instrument] = load.data;
    title = results.instrument.title;
    const since = results.previous?.submitted_at;
    body = (
      <>
        <p class="muted">
          Finished on {formatDate(results.latest.submitted_at)}. Only you can see these scores
          {partner
            ? ` — ${partner} sees them once you have both finished this check-up.`
            : '. If your partner joins you, they see them only once you have both finished this check-up.'}
        </p>
        {results.map && <MapResult results={results} instrument={instrument} />}
        <section aria-labelledby="areas-title" class="stack-sm">
          <h2 id="areas-title">Area by area</h2>
          <p class="muted small">
            Each bar is a position on Hearth’s own 0–100 scale — not a grade, and not a diagnosis. It is a starting point
            for noticing and talking.
          </p>
          <ul class="area-list">
            {results.areas.map((area) => (
              <AreaResult key={area.subscale} area={area} instrument={instrument} since={since} />
            ))}
          </ul>
        </section>
        {results.history.length >= 2 ? (
          <History results={results} />
        ) : (
          <p class="muted empty-state">
            Take this check-up again in a few weeks to see how things change. Each time is kept, so you can watch the
            trend.
          </p>
        )}
        <details class="disclosure">
          <summary>About this check-up</summary>
          <p>{instrument.construct}</p>
          <p class="muted small">
            Our own wording, modelled on published work: {instrument.modelled_on.join('; ')}. Its scores are not the
            published scale’s scores.
          </p>
        </details>
        <div class="actions">
          <a class="button secondary" href={href('checkups', 'report')}>
            See the couple report
          </a>
          <a class="button secondary" href={href('checkups', 'causes')}>
            Why we drift
          </a>
          <a class="button quiet" href={href('checkups', `${id}/take`)}>
            Take it again
          </a>
        </div>
      </>
    );
  }

  return (
    <div class="stack results">
      <div>
        <a class="back-link" href={href('checkups')}>
          <span aria-hidden="true">←</span> Check-ups
        </a>
        <p class="eyebrow">Your results</p>
        <PageTitle title={title}>{title}</PageTitle>
      </div>
      {body}
    </div>
  );
}
