// Free times and wishes (#/plan/times): my weekly free times in my time zone, what I enjoy or would
// rather skip, budget and energy; and the time the two of us share, which is where the plan goes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, Form, FormError, Loading, Notice, PageTitle, type Errors } from '../components';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { browserZone } from '../insights/days';
import { plural } from '../insights/words';
import type { Availability, Cost, Day, Energy, Preferences, Slot, Tag } from '../plan/types';
import { budgetWords, dayNames, days, energyChoiceWords, spanWords } from '../plan/words';

interface Row {
  key: number;
  day: Day;
  start: string;
  end: string;
}

interface Draft {
  zone: string;
  rows: Row[];
  likes: string[];
  dislikes: string[];
  budget: Cost;
  energy: Energy;
}

let nextKey = 1;
const row = (s: Slot): Row => ({ key: nextKey++, day: s.day, start: s.start, end: s.end === '24:00' ? '00:00' : s.end });

/** Minutes since midnight; an end of 00:00 is midnight at the end of the day. */
function minutesOf(hhmm: string, isEnd = false): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const n = Number(m[1]) * 60 + Number(m[2]);
  return isEnd && n === 0 ? 1440 : n;
}

function rowError(r: Row): string | undefined {
  const start = minutesOf(r.start);
  const end = minutesOf(r.end, true);
  if (start === null || end === null) return 'Please choose when it starts and when it ends.';
  if (end <= start) return 'It needs to end after it starts, on the same day. For midnight, choose 00:00 as the end.';
  if (end - start < 10) return 'A free time is at least 10 minutes.';
  return undefined;
}

const sorted = (rows: Row[]) =>
  [...rows].sort((a, b) => days.indexOf(a.day) - days.indexOf(b.day) || a.start.localeCompare(b.start));

/** Every IANA time zone the browser knows, with `keep` in it. */
function zoneList(keep: string[]): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  let list: string[] = [];
  try {
    list = supported ? supported('timeZone') : [];
  } catch {
    list = [];
  }
  return [...new Set([...list, ...keep.filter(Boolean)])].sort();
}

const quickFills: { label: string; slots: Slot[] }[] = [
  {
    label: 'Weekday evenings',
    slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as Day[]).map((day) => ({ day, start: '19:00', end: '21:30' })),
  },
  { label: 'Weekend mornings', slots: (['sat', 'sun'] as Day[]).map((day) => ({ day, start: '10:00', end: '12:00' })) },
];

function draftOf(a: Availability): Draft {
  const p = a.preferences;
  return {
    zone: a.time_zone ?? browserZone(),
    rows: a.slots.map(row),
    likes: p?.likes ?? [],
    dislikes: p?.dislikes ?? [],
    budget: p?.budget ?? 'medium',
    energy: p?.energy ?? 'high',
  };
}

function SlotRow({
  r,
  index,
  error,
  onChange,
  onRemove,
}: {
  r: Row;
  index: number;
  error?: string;
  onChange: (r: Row) => void;
  onRemove: () => void;
}) {
  const id = `slot-${r.key}`;
  const errorId = error ? `${id}-error` : undefined;
  const invalid = error ? 'true' : undefined;
  return (
    <li>
      <fieldset class={`slot${error ? ' has-error' : ''}`} aria-describedby={errorId} data-testid="slot">
        <legend class="visually-hidden">Free time {index + 1}</legend>
        <div class="slot-top">
          <div class="slot-day">
            <label for={`${id}-day`}>Day</label>
            <select
              id={`${id}-day`}
              value={r.day}
              aria-invalid={invalid}
              onChange={(event) => onChange({ ...r, day: event.currentTarget.value as Day })}
            >
              {days.map((d) => (
                <option key={d} value={d}>
                  {dayNames[d]}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="slot-remove" onClick={onRemove}>
            Remove<span class="visually-hidden"> free time {index + 1}</span>
          </button>
        </div>
        <div class="slot-times">
          <div class="slot-from">
            <label for={`${id}-start`}>From</label>
            <input
              id={`${id}-start`}
              type="time"
              step={300}
              value={r.start}
              aria-invalid={invalid}
              onInput={(event) => onChange({ ...r, start: event.currentTarget.value })}
            />
          </div>
          <div class="slot-to">
            <label for={`${id}-end`}>To</label>
            <input
              id={`${id}-end`}
              type="time"
              step={300}
              value={r.end}
              aria-invalid={invalid}
              onInput={(event) => onChange({ ...r, end: event.currentTarget.value })}
            />
          </div>
        </div>
        {error && (
          <p class="field-error slot-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </fieldset>
    </li>
  );
}

/** Practice tags as toggle buttons, folded away until opened (there are many). */
function TagChips({
  id,
  legend,
  tags,
  chosen,
  onChosen,
}: {
  id: string;
  legend: string;
  tags: Tag[];
  chosen: string[];
  onChosen: (tags: string[]) => void;
}) {
  const names = tags.filter((t) => chosen.includes(t.id)).map((t) => t.title);
  return (
    <details class="disclosure tag-choice" data-testid={id}>
      <summary>
        {legend}
        <span class="muted small tag-count">{chosen.length ? ` · ${chosen.length} chosen` : ' · none yet'}</span>
      </summary>
      {names.length > 0 && <p class="muted small">Chosen: {names.join('; ')}.</p>}
      <div class="chips-row tag-chips" role="group" aria-label={legend}>
        {tags.map((t) => {
          const on = chosen.includes(t.id);
          return (
            <button
              key={t.id}
              type="button"
              class="chip-button"
              aria-pressed={on}
              onClick={() => onChosen(on ? chosen.filter((x) => x !== t.id) : [...chosen, t.id])}
            >
              {t.title}
            </button>
          );
        })}
      </div>
    </details>
  );
}

/** Where both of us are free, by day. */
function SharedTime({ availability, partner }: { availability: Availability; partner: string | null }) {
  const shared = availability.shared_free_time;
  return (
    <Card labelledBy="shared-title" tone="calm">
      <h2 id="shared-title">{partner ? `Free together with ${partner}` : 'Your free time'}</h2>
      {shared.length === 0 ? (
        <p data-testid="shared-empty">
          {partner
            ? `No shared free time yet. Once you and ${partner} have both added free times that overlap, they show here and the plan goes there. Until then it uses typical evenings and weekend mornings.`
            : 'No free times yet. Until there are some, the plan uses typical evenings and weekend mornings.'}
        </p>
      ) : (
        <>
          <ul class="shared-times" data-testid="shared-times">
            {shared.map((s) => (
              <li key={`${s.day}-${s.start}`}>
                <span class="shared-day">{dayNames[s.day]}</span>
                <span>{spanWords(s.start, s.end)}</span>
              </li>
            ))}
          </ul>
          <p class="muted small">
            {partner
              ? `The plan goes only into these times. If ${partner} has not added free times yet, these are yours alone for now.`
              : 'The plan goes into these times. When a partner joins, it uses the times you share.'}
          </p>
        </>
      )}
    </Card>
  );
}

function Editor({ initial, tags, onSaved }: { initial: Availability; tags: Tag[]; onSaved: (a: Availability) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const device = browserZone();
  const zones = zoneList([draft.zone, device]);

  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === 'add') addRef.current?.focus();
    else document.getElementById(`slot-${focusKey}-day`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setSaved(null);
  };
  const changeRow = (r: Row) => {
    change({ rows: draft.rows.map((x) => (x.key === r.key ? r : x)) });
    if (errors[`slot-${r.key}`]) setErrors({ ...errors, [`slot-${r.key}`]: undefined });
  };

  function addRow() {
    // The day after the last one, in the evening: most people add a run of days.
    const last = draft.rows[draft.rows.length - 1];
    const day = last ? days[(days.indexOf(last.day) + 1) % 7] : 'mon';
    const r = { key: nextKey++, day, start: last?.start ?? '19:00', end: last?.end ?? '21:00' };
    change({ rows: [...draft.rows, r] });
    setAdded(null);
    setFocusKey(r.key);
  }

  function removeRow(key: number) {
    const i = draft.rows.findIndex((r) => r.key === key);
    const rest = draft.rows.filter((r) => r.key !== key);
    change({ rows: rest });
    setAdded(null);
    setFocusKey(rest[i]?.key ?? rest[i - 1]?.key ?? 'add');
  }

  function quickFill(slots: Slot[], label: string) {
    const fresh = slots.filter((s) => !draft.rows.some((r) => r.day === s.day && r.start === s.start && r.end === s.end));
    change({ rows: sorted([...draft.rows, ...fresh.map(row)]) });
    setAdded(
      fresh.length === 0
        ? `${label} are already in your list.`
        : `Added ${label.toLowerCase()}: ${plural(fresh.length, 'free time', 'free times')}. Change or remove any below.`,
    );
  }

  async function submit() {
    if (busy) return;
    setSaved(null);
    const found: Errors = {};
    for (const r of draft.rows) found[`slot-${r.key}`] = rowError(r);
    if (!draft.zone) found.zone = 'Please choose your time zone.';
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const slots: Slot[] = draft.rows.map((r) => ({ day: r.day, start: r.start, end: r.end === '00:00' ? '24:00' : r.end }));
    const preferences: Preferences = {
      likes: draft.likes,
      dislikes: draft.dislikes,
      budget: draft.budget,
      energy: draft.energy,
    };
    setBusy(true);
    try {
      const a = await api.saveAvailability({ time_zone: draft.zone, slots, preferences });
      onSaved(a);
      setDraft((d) => ({ ...d, rows: sorted(d.rows) }));
      setSaved(
        slots.length === 0
          ? 'Saved. Without free times, the plan uses typical evenings and weekend mornings.'
          : 'Saved. This week’s plan now follows your free times.',
      );
    } catch (error) {
      const field = error instanceof ApiError ? (error.field ?? '') : '';
      const index = /^slots\[(\d+)\]$/.exec(field);
      if (index && draft.rows[Number(index[1])]) {
        setErrors({ [`slot-${draft.rows[Number(index[1])].key}`]: (error as ApiError).detail });
      } else if (field === 'time_zone') {
        setErrors({ zone: (error as ApiError).detail });
      } else {
        setErrors({ form: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.' });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void submit()} errors={errors} class="free-times" label="Free times and wishes">
      <section class="card" aria-labelledby="slots-title">
        <h2 id="slots-title">When you are usually free</h2>
        <p class="muted small">
          Times in an ordinary week when you could spend a little while together — even 15 minutes counts.
        </p>
        <div class="chips-row" role="group" aria-label="Quick add">
          {quickFills.map((q) => (
            <button key={q.label} type="button" class="chip-button" onClick={() => quickFill(q.slots, q.label)}>
              + {q.label}
            </button>
          ))}
        </div>
        <Notice message={added} />
        {draft.rows.length === 0 ? (
          <p class="muted slots-empty" data-testid="no-slots">
            No free times yet. Add one, or use a quick add above.
          </p>
        ) : (
          <ul class="slots">
            {draft.rows.map((r, i) => (
              <SlotRow
                key={r.key}
                r={r}
                index={i}
                error={errors[`slot-${r.key}`]}
                onChange={changeRow}
                onRemove={() => removeRow(r.key)}
              />
            ))}
          </ul>
        )}
        <button type="button" class="button secondary add-slot" ref={addRef} onClick={addRow}>
          Add a free time
        </button>
        <div class={`field zone-field${errors.zone ? ' has-error' : ''}`}>
          <label for="time-zone">Your time zone</label>
          <p class="hint" id="time-zone-hint">
            {draft.zone === device ? 'The one this device is set to.' : `This device is set to ${device.replace(/_/g, ' ')}.`}
          </p>
          <div class="input-row">
            <select
              id="time-zone"
              value={draft.zone}
              aria-describedby={errors.zone ? 'time-zone-hint time-zone-error' : 'time-zone-hint'}
              aria-invalid={errors.zone ? 'true' : undefined}
              onChange={(event) => change({ zone: event.currentTarget.value })}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
            {draft.zone !== device && (
              <button type="button" class="reveal" onClick={() => change({ zone: device })}>
                Use {device.replace(/_/g, ' ')}
              </button>
            )}
          </div>
          {errors.zone && (
            <p class="field-error" id="time-zone-error" role="alert">
              {errors.zone}
            </p>
          )}
        </div>
      </section>

      <section class="card" aria-labelledby="wishes-title">
        <h2 id="wishes-title">What suits you</h2>
        <p class="muted small">The plan leans towards what you enjoy and leaves out what either of you would rather skip.</p>
        <div class="stack-sm">
          <TagChips
            id="likes"
            legend="Things you enjoy"
            tags={tags}
            chosen={draft.likes}
            onChosen={(likes) => change({ likes, dislikes: draft.dislikes.filter((t) => !likes.includes(t)) })}
          />
          <TagChips
            id="dislikes"
            legend="Rather not, for now"
            tags={tags}
            chosen={draft.dislikes}
            onChosen={(dislikes) => change({ dislikes, likes: draft.likes.filter((t) => !dislikes.includes(t)) })}
          />
        </div>
        <fieldset class="share-choice">
          <legend>Spending money</legend>
          <div class="choices">
            {(Object.keys(budgetWords) as Cost[]).map((b) => (
              <label class="choice" key={b}>
                <input type="radio" name="budget" checked={draft.budget === b} onChange={() => change({ budget: b })} />
                <span>{budgetWords[b]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="share-choice">
          <legend>Your energy on most days</legend>
          <div class="choices">
            {(Object.keys(energyChoiceWords) as Energy[]).map((e) => (
              <label class="choice" key={e}>
                <input type="radio" name="energy" checked={draft.energy === e} onChange={() => change({ energy: e })} />
                <span>{energyChoiceWords[e]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </section>

      <FormError message={errors.form} />
      <Button busy={busy} busyLabel="Saving…">
        Save free times
      </Button>
      <Notice message={saved} />
      {saved && (
        <a class="path-link" href={href('plan')}>
          See this week <span aria-hidden="true">→</span>
        </a>
      )}
    </Form>
  );
}

export function FreeTimes() {
  const { me, refresh } = useSession();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const partner = me.couple?.status === 'paired' ? (partnerOf(me.couple)?.display_name ?? null) : null;
  const [load, reload] = useLoad(() => Promise.all([api.availability(), api.practices()]), []);
  const [latest, setLatest] = useState<Availability | null>(null);

  let body;
  if (load.state === 'loading') body = <Loading label="Loading your free times…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const [availability, { tags }] = load.data;
    body = (
      <>
        <SharedTime availability={latest ?? availability} partner={partner} />
        <Editor initial={availability} tags={tags} onSaved={setLatest} />
      </>
    );
  }

  return (
    <div class="stack">
      <div>
        <a class="back-link" href={href('plan')}>
          <span aria-hidden="true">←</span> This week
        </a>
        <PageTitle title="Free times">Free times and wishes</PageTitle>
        <p class="lede">
          {partner
            ? `When are you usually free? Hearth plans only where your times and ${partner}’s overlap; ${partner} sees only the times you share.`
            : 'When are you usually free? Hearth plans the week into these times.'}
        </p>
      </div>
      {body}
    </div>
  );
}
