// Answering one check-up: one area per page, every answer saved as it is given, and "Finish" once
// every area has enough answers. Coming back opens the first page that still has open questions.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, Loading, PageTitle } from '../components';
import { href, navigate } from '../router';
import type { Draft, Instrument, Item, Subscale } from '../assessments/types';
import { LoadFailed, Progress } from '../assessments/parts';
import { useLoad } from '../assessments/load';
import { useAnswerSaver } from '../assessments/saver';
import { unsaved } from '../assessments/unsaved';

interface Page {
  subscale: Subscale;
  /** The "how it is" items; with an ideal, each is asked again as `<id>.ideal`. */
  items: Item[];
}

const idealId = (id: string) => `${id}.ideal`;

function pagesOf(instrument: Instrument): Page[] {
  return instrument.subscales
    .map((subscale) => ({
      subscale,
      items: instrument.items.filter((i) => i.subscale === subscale.id && i.facet !== 'ideal'),
    }))
    .filter((p) => p.items.length > 0);
}

/** Every answer id a page asks for. */
function idsOf(page: Page, withIdeal: boolean): string[] {
  return page.items.flatMap((i) => (withIdeal ? [i.id, idealId(i.id)] : [i.id]));
}

function ScaleChoice({
  name,
  legend,
  labels,
  min,
  value,
  onChoose,
  facet,
}: {
  name: string;
  legend: string | null;
  labels: string[];
  min: number;
  value: number | undefined;
  onChoose: (value: number) => void;
  facet?: 'real' | 'ideal';
}) {
  const options = (
    <div class={`scale scale-${Math.min(labels.length, 8)}`}>
      {labels.map((label, i) => {
        const point = min + i;
        return (
          <label key={point} class="scale-option">
            <input
              type="radio"
              name={name}
              value={String(point)}
              checked={value === point}
              onChange={() => onChoose(point)}
            />
            <span class="scale-label">{label}</span>
          </label>
        );
      })}
    </div>
  );
  if (legend === null) return options;
  return (
    <fieldset class={`facet ${facet ?? 'real'}`}>
      <legend>{legend}</legend>
      {options}
    </fieldset>
  );
}

function Question({
  item,
  number,
  instrument,
  answers,
  onChoose,
}: {
  item: Item;
  number: number;
  instrument: Instrument;
  answers: Record<string, number>;
  onChoose: (id: string, value: number) => void;
}) {
  const { scale, ideal } = instrument;
  const answered = ideal ? answers[item.id] !== undefined && answers[idealId(item.id)] !== undefined : answers[item.id] !== undefined;
  return (
    <fieldset class={`question${ideal ? ' paired' : ''}${answered ? ' answered' : ''}`} data-item={item.id}>
      <legend>
        <span class="q-number" aria-hidden="true">
          {number}
        </span>
        <span class="q-text">{item.text}</span>
      </legend>
      {ideal ? (
        <div class="facets">
          <ScaleChoice
            name={item.id}
            legend={ideal.real_label}
            facet="real"
            labels={scale.labels}
            min={scale.min}
            value={answers[item.id]}
            onChoose={(v) => onChoose(item.id, v)}
          />
          <ScaleChoice
            name={idealId(item.id)}
            legend={ideal.ideal_label}
            facet="ideal"
            labels={scale.labels}
            min={scale.min}
            value={answers[idealId(item.id)]}
            onChoose={(v) => onChoose(idealId(item.id), v)}
          />
        </div>
      ) : (
        <ScaleChoice
          name={item.id}
          legend={null}
          labels={scale.labels}
          min={scale.min}
          value={answers[item.id]}
          onChoose={(v) => onChoose(item.id, v)}
        />
      )}
    </fieldset>
  );
}

/** "Saving…", "Saved", or what went wrong with a way to try again. */
function SaveStatus({ saver }: { saver: ReturnType<typeof useAnswerSaver> }) {
  const { save } = saver;
  return (
    <>
      <p class={`save-status ${save.state}`} role="status">
        {save.state === 'saving' || save.state === 'pending' ? 'Saving…' : save.state === 'saved' ? 'Saved' : ''}
      </p>
      {save.state === 'failed' && (
        <div class="save-failed" role="alert">
          <p>
            <strong>Your last answers are not saved yet.</strong> {save.message} They are still here on this page.
          </p>
          <Button type="button" variant="secondary" onClick={() => void saver.flush()}>
            Try saving again
          </Button>
        </div>
      )}
    </>
  );
}

function Questionnaire({ instrument }: { instrument: Instrument }) {
  const pages = useMemo(() => pagesOf(instrument), [instrument]);
  const withIdeal = instrument.ideal !== null;
  const saver = useAnswerSaver(instrument.id);
  // Answers a failed save left behind on an earlier visit (kept in memory only).
  const [restored] = useState(() => unsaved.take(instrument.id));
  const [answers, setAnswers] = useState<Record<string, number>>(() => {
    const start = { ...(instrument.draft?.answers ?? {}) };
    for (const [id, v] of Object.entries(restored ?? {})) {
      if (v === null) delete start[id];
      else start[id] = v;
    }
    return start;
  });
  const [page, setPage] = useState(() => {
    const open = pages.findIndex((p) => idsOf(p, withIdeal).some((id) => answers[id] === undefined));
    return open === -1 ? Math.max(0, pages.length - 1) : open;
  });
  const [missing, setMissing] = useState<string[] | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [finishError, setFinishError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const missingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    saver.setDraft(instrument.draft);
    // Answers that could not be saved last time: save them now.
    for (const [id, v] of Object.entries(restored ?? {})) saver.record(id, v);
  }, []);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [page]);

  const draft: Draft | null = saver.draft;
  // Once "Finish" has said what is missing, keep that list true as answers are saved.
  useEffect(() => {
    if (missing !== null && draft) setMissing(draft.missing);
  }, [draft]);

  const allIds = useMemo(() => pages.flatMap((p) => idsOf(p, withIdeal)), [pages, withIdeal]);
  const answered = allIds.filter((id) => answers[id] !== undefined).length;
  const total = allIds.length;
  const current = pages[page];
  const currentIds = current ? idsOf(current, withIdeal) : [];
  const openHere = currentIds.filter((id) => answers[id] === undefined).length;
  const isLast = page === pages.length - 1;
  const titleOf = (id: string) => instrument.subscales.find((s) => s.id === id)?.title ?? id;
  const numberBefore = pages.slice(0, page).reduce((n, p) => n + p.items.length, 0);

  function choose(id: string, value: number) {
    setAnswers((a) => ({ ...a, [id]: value }));
    saver.record(id, value);
  }

  async function finish() {
    if (finishing) return;
    setFinishing(true);
    setFinishError(null);
    const saved = await saver.flush();
    if (!saved) {
      setFinishing(false);
      return; // SaveStatus says what went wrong
    }
    let latest = saver.latestDraft();
    try {
      // The draft after the last save is the server's word on readiness; ask if we have none.
      if (!latest || latest.answered !== answered) latest = await api.draft(instrument.id);
      saver.setDraft(latest);
    } catch (error) {
      setFinishing(false);
      setFinishError(error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.');
      return;
    }
    if (!latest.ready) {
      setFinishing(false);
      setMissing(latest.missing);
      setTimeout(() => missingRef.current?.focus(), 0);
      return;
    }
    try {
      await api.submitAssessment(instrument.id);
      navigate('checkups', { sub: `${instrument.id}/results` });
    } catch (error) {
      setFinishing(false);
      if (error instanceof ApiError && error.type === 'incomplete') {
        const fresh = await api.draft(instrument.id).catch(() => null);
        if (fresh) {
          saver.setDraft(fresh);
          setMissing(fresh.missing);
          return;
        }
      }
      setFinishError(error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.');
    }
  }

  if (!current) {
    return <p class="muted empty-state">This check-up has no questions yet.</p>;
  }

  return (
    <>
      {restored && (
        <p class="notice">Some answers from your last visit had not been saved yet. They are being saved now.</p>
      )}
      <div class="take-bar">
        <Progress id="take-progress" answered={answered} total={total} />
        <SaveStatus saver={saver} />
      </div>

      {page === 0 && answered === 0 && (
        <Card labelledBy="about-title" tone="calm">
          <h2 id="about-title">Before you begin</h2>
          <p>{instrument.purpose}</p>
          <p class="muted small">
            About {instrument.minutes === 1 ? 'a minute' : `${instrument.minutes} minutes`}. Answer for how things are for you lately — there are no right answers,
            and you can stop at any time: every answer is saved as you go. Only you see your answers.
          </p>
          {withIdeal && (
            <p class="muted small">
              Each statement is asked twice: “{instrument.ideal!.real_label}” and “{instrument.ideal!.ideal_label}”.
            </p>
          )}
        </Card>
      )}

      <section aria-labelledby="part-title" class="stack-sm take-page">
        {pages.length > 1 && (
          <p class="eyebrow">
            Part {page + 1} of {pages.length}
          </p>
        )}
        <h2 id="part-title" ref={headingRef} tabIndex={-1}>
          {current.subscale.title}
        </h2>
        {current.subscale.description && <p class="muted">{current.subscale.description}</p>}
        <div class="questions">
          {current.items.map((item, i) => (
            <Question
              key={item.id}
              item={item}
              number={numberBefore + i + 1}
              instrument={instrument}
              answers={answers}
              onChoose={choose}
            />
          ))}
        </div>
      </section>

      {missing !== null && missing.length > 0 && (
        <Card labelledBy="missing-title" tone="warm">
          <h2 id="missing-title" ref={missingRef} tabIndex={-1}>
            A few more answers, please
          </h2>
          <p>To give you a fair picture, these areas need a few more answers:</p>
          <ul class="missing-list">
            {missing.map((id) => {
              const index = pages.findIndex((p) => p.subscale.id === id);
              return (
                <li key={id}>
                  {index >= 0 && index !== page ? (
                    <button type="button" class="link-button" onClick={() => setPage(index)}>
                      {titleOf(id)} (part {index + 1})
                    </button>
                  ) : (
                    <span>{titleOf(id)} — on this page</span>
                  )}
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {missing !== null && missing.length === 0 && (
        <p class="notice">Every area has enough answers now. You can finish whenever you like.</p>
      )}
      {finishError && (
        <p class="form-error" role="alert">
          {finishError}
        </p>
      )}

      <div class="take-nav">
        {openHere > 0 && (
          <p class="muted small">
            {openHere === currentIds.length
              ? 'You can skip a question if it does not fit — a few skipped ones are fine.'
              : `${openHere} ${openHere === 1 ? 'answer' : 'answers'} left on this page. Skipping a few is fine.`}
          </p>
        )}
        <div class="actions">
          {isLast ? (
            <Button type="button" busy={finishing} busyLabel="Finishing…" onClick={() => void finish()}>
              Finish and see my results
            </Button>
          ) : (
            <Button type="button" onClick={() => setPage(page + 1)}>
              Next: {pages[page + 1].subscale.title}
            </Button>
          )}
          {page > 0 && (
            <Button type="button" variant="quiet" onClick={() => setPage(page - 1)}>
              Back
            </Button>
          )}
        </div>
        <p class="small">
          <a href={href('checkups')}>Save and come back later</a>
        </p>
      </div>
    </>
  );
}

export function TakeCheckup({ id }: { id: string }) {
  const [load, reload] = useLoad(() => api.instrument(id), [id]);

  let body;
  let title = 'Check-up';
  if (load.state === 'loading') body = <Loading label="Opening the check-up…" />;
  else if (load.state === 'failed' && load.error?.status === 404) {
    title = 'Not found';
    body = (
      <>
        <p>We could not find that check-up. It may have been renamed.</p>
        <a class="button secondary" href={href('checkups')}>
          See all check-ups
        </a>
      </>
    );
  } else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    title = load.data.title;
    body = <Questionnaire instrument={load.data} />;
  }

  return (
    <div class="stack take">
      <div>
        <a class="back-link" href={href('checkups')}>
          <span aria-hidden="true">←</span> Check-ups
        </a>
        <PageTitle title={title}>{title}</PageTitle>
      </div>
      {body}
    </div>
  );
}
