// The couple report: for each check-up both partners have finished together, both scores side by side,
// grouped as strengths, growth areas and different views, each with a way to start talking.
import type { ComponentChildren } from 'preact';
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { formatDate } from '../format';
import { href } from '../router';
import type { CoupleReport as Report, Instrument, ReportArea, ReportSection } from '../assessments/types';
import { LoadFailed, LowerIsCalmer, MapReading, PositionMap, ScoreBar, positionWords } from '../assessments/parts';
import { useLoad } from '../assessments/load';
import { kindWords, movedWords, waitingWords, whole } from '../assessments/words';

/** "You would like it 20 points higher; Ben is happy with it as it is." */
function wishWords(gap: { me: number; partner: number }, partner: string): string {
  const settled = (n: number) => Math.abs(whole(n)) < 5;
  const wish = (n: number) => `${Math.abs(whole(n))} points ${n > 0 ? 'higher' : 'lower'}`;
  if (settled(gap.me) && settled(gap.partner)) return 'You are both happy with it as it is.';
  const mine = settled(gap.me) ? 'You are happy with it as it is' : `You would like it ${wish(gap.me)}`;
  const theirs = settled(gap.partner) ? `${partner} is happy with it as it is` : `${partner} would like it ${wish(gap.partner)}`;
  return `${mine}; ${theirs}.`;
}

function PairedArea({ area, partner }: { area: ReportArea; partner: string }) {
  const id = `report-${area.subscale}`;
  return (
    <li class={`area paired kind-${area.kind}`} data-testid={id}>
      <section aria-labelledby={`${id}-title`}>
        <h4 id={`${id}-title`}>{area.title}</h4>
        <div class="bars">
          <ScoreBar name="You" score={area.me} tone="me" />
          <ScoreBar name={partner} score={area.partner} tone="partner" />
        </div>
        <LowerIsCalmer higherIs={area.higher_is} />
        {area.ideal_gap && (
          <p class="gap">{wishWords(area.ideal_gap, partner)}</p>
        )}
        {area.change && (
          <p class="change same">
            Since your last round together: you {movedWords(area.change.me)}, {partner} {movedWords(area.change.partner)}.
          </p>
        )}
        {area.starter && (
          <div class="starter">
            <p class="starter-label">A way to start talking</p>
            <p class="starter-text">{area.starter}</p>
          </div>
        )}
      </section>
    </li>
  );
}

function Group({
  kind,
  areas,
  partner,
  sectionId,
}: {
  kind: ReportArea['kind'];
  areas: ReportArea[];
  partner: string;
  sectionId: string;
}) {
  if (areas.length === 0) return null;
  const words = kindWords[kind];
  const id = `${sectionId}-${kind}`;
  return (
    <section aria-labelledby={id} class={`report-group ${kind}`}>
      <h3 id={id}>
        {words.title} <span class="count">({areas.length})</span>
      </h3>
      <p class="muted small">{words.intro}</p>
      <ul class="area-list">
        {areas.map((a) => (
          <PairedArea key={a.subscale} area={a} partner={partner} />
        ))}
      </ul>
    </section>
  );
}

function SectionView({ section, partner, def }: { section: ReportSection; partner: string; def: Instrument | null }) {
  const sectionId = `section-${section.instrument.id}`;
  const byId = (ids: string[]) =>
    ids.map((id) => section.areas.find((a) => a.subscale === id)).filter((a): a is ReportArea => Boolean(a));
  const listed = new Set([...section.strengths, ...section.growth_areas, ...section.different_views]);
  const between = section.areas.filter((a) => !listed.has(a.subscale));
  const subscale = (id: string) => def?.subscales.find((s) => s.id === id);
  const titleOf = (id: string) => subscale(id)?.title ?? id;

  let map: ComponentChildren = null;
  if (section.map && def?.map) {
    const xTitle = titleOf(def.map.x);
    const yTitle = titleOf(def.map.y);
    const mine = section.map.me.region;
    const theirs = section.map.partner.region;
    map = (
      <div class="report-map stack-sm">
        <h3>Where you each are on the map</h3>
        <p class="map-note">{section.map.note}</p>
        <PositionMap
          map={def.map}
          xTitle={xTitle}
          yTitle={yTitle}
          dots={[
            { name: 'You', x: section.map.me.x, y: section.map.me.y, tone: 'me' },
            { name: partner, x: section.map.partner.x, y: section.map.partner.y, tone: 'partner' },
          ]}
          description={
            <ul class="map-points">
              <li>
                <strong>You:</strong> {positionWords(xTitle, section.map.me.x, yTitle, section.map.me.y, mine)}
              </li>
              <li>
                <strong>{partner}:</strong>{' '}
                {positionWords(xTitle, section.map.partner.x, yTitle, section.map.partner.y, theirs)}
              </li>
            </ul>
          }
        />
        {subscale(def.map.x) && subscale(def.map.y) && <MapReading x={subscale(def.map.x)!} y={subscale(def.map.y)!} />}
      </div>
    );
  }

  return (
    <section class="card report-section" aria-labelledby={`${sectionId}-title`} data-testid={sectionId}>
      <p class="eyebrow">{section.round > 1 ? `Round ${section.round}` : 'Your first round'}</p>
      <h2 id={`${sectionId}-title`}>{section.instrument.title}</h2>
      <p class="muted small">
        You finished on {formatDate(section.my_submitted_at)}; {partner} on {formatDate(section.partner_submitted_at)}.
      </p>
      <ul class="pair-legend" aria-hidden="true">
        <li class="me">
          <span class="swatch" /> You
        </li>
        <li class="partner">
          <span class="swatch" /> {partner}
        </li>
      </ul>
      {map}
      <Group kind="strength" areas={byId(section.strengths)} partner={partner} sectionId={sectionId} />
      <Group kind="growth" areas={byId(section.growth_areas)} partner={partner} sectionId={sectionId} />
      <Group kind="different" areas={byId(section.different_views)} partner={partner} sectionId={sectionId} />
      <Group kind="middle" areas={between} partner={partner} sectionId={sectionId} />
    </section>
  );
}

function WaitingList({ report }: { report: Report }) {
  if (report.waiting.length === 0) return null;
  const partner = report.partner.display_name;
  return (
    <section aria-labelledby="waiting-title" class="stack-sm">
      <h2 id="waiting-title">Still to come</h2>
      <ul class="waiting-list">
        {report.waiting.map((w) => (
          <li key={w.instrument.id}>
            <span>{waitingWords(w, partner)}</span>
            {w.me !== 'completed' && (
              <a href={href('checkups', `${w.instrument.id}/take`)} class="small">
                {w.me === 'in_progress' ? 'Continue' : 'Start'} {w.instrument.title}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

async function fetchReport(): Promise<{ report: Report; defs: Record<string, Instrument> }> {
  const report = await api.coupleReport();
  // The map's regions and axis names live in the instrument itself.
  const withMap = report.sections.filter((s) => s.map);
  const defs = await Promise.all(withMap.map((s) => api.instrument(s.instrument.id)));
  return { report, defs: Object.fromEntries(defs.map((d) => [d.id, d])) };
}

export function CoupleReport() {
  const [load, reload] = useLoad(fetchReport, []);

  let body;
  if (load.state === 'loading') body = <Loading label="Putting your report together…" />;
  else if (load.state === 'failed' && load.error?.type === 'no-partner') {
    body = (
      <Card labelledBy="alone-title" tone="warm">
        <h2 id="alone-title">This is for the two of you</h2>
        <p>
          The couple report puts your answers next to your partner’s. Once your partner has joined you on Hearth and
          you have both finished a check-up, it appears here.
        </p>
        <p class="muted small">{load.error.detail}</p>
        <div class="actions">
          <a class="button secondary" href={href('couple')}>
            Invite your partner
          </a>
          <a class="button quiet" href={href('checkups')}>
            Your own check-ups
          </a>
        </div>
      </Card>
    );
  } else if (load.state === 'failed' && load.error?.status === 409) {
    body = (
      <Card labelledBy="not-yet-title" tone="warm">
        <h2 id="not-yet-title">Not quite ready yet</h2>
        <p data-testid="report-not-ready">{load.error.detail}</p>
        <p class="muted small">
          Scores are shared only once you have both finished the same check-up — until then, each of you keeps your
          answers to yourself.
        </p>
        <a class="button secondary" href={href('checkups')}>
          Go to check-ups
        </a>
      </Card>
    );
  } else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const { report, defs } = load.data;
    const partner = report.partner.display_name;
    body = (
      <>
        <p class="lede">
          You and {partner}, side by side. Where you agree, where you both struggle, and where you see things
          differently — each a place to start a conversation, not a verdict.
        </p>
        {report.sections.length === 0 && (
          <p class="muted empty-state">Nothing to compare yet. When you have both finished a check-up, it appears here.</p>
        )}
        {report.sections.map((s) => (
          <SectionView key={s.instrument.id} section={s} partner={partner} def={defs[s.instrument.id] ?? null} />
        ))}
        <WaitingList report={report} />
      </>
    );
  }

  return (
    <div class="stack report">
      <div>
        <a class="back-link" href={href('checkups')}>
          <span aria-hidden="true">←</span> Check-ups
        </a>
        <PageTitle title="Couple report">Your couple report</PageTitle>
      </div>
      {body}
    </div>
  );
}
