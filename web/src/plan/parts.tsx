// Pieces the "Together" screens share: their own small navigation, the state for someone who is not
// (yet) in a couple, the facts of a practice in a line, "Mark done" (on This week and on a practice's
// page), and the rules and "By when" field of a promise (made on the Promises page or from an agreed
// step of a conversation).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, FormError, TextArea, type Errors } from '../components';
import { addDays } from '../insights/days';
import { ScaleField } from '../insights/fields';
import { href } from '../router';
import type { Couple } from '../api';
import type { LogEntry, Practice } from './types';
import { costWords, difficultyWords, feelingWords, minutesShort, whoWords } from './words';

export type TogetherPage = 'plan' | 'prompts' | 'promises' | 'couple';

const pages: { id: TogetherPage; label: string; href: string }[] = [
  { id: 'plan', label: 'This week', href: href('plan') },
  { id: 'prompts', label: 'Question', href: href('prompts') },
  { id: 'promises', label: 'Promises', href: href('promises') },
  { id: 'couple', label: 'Couple', href: href('couple') },
];

/** The four parts of Together, one tap apart. */
export function TogetherNav({ current }: { current: TogetherPage }) {
  return (
    <nav class="together-nav" aria-label="Together">
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <a href={p.href} aria-current={p.id === current ? 'page' : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Questions and promises are between two people: what they become once there is a partner, and where
 * to go for that. `then` finishes "Once your partner joins, …".
 */
export function NeedsCouple({ couple, then }: { couple: Couple | null; then: string }) {
  const waiting = couple?.status === 'waiting';
  return (
    <Card labelledBy="needs-couple-title" tone="warm">
      <h2 id="needs-couple-title">{waiting ? 'Waiting for your partner' : 'Once your partner joins'}</h2>
      <p data-testid="needs-couple">
        {waiting ? `When they have joined with your invite code, ${then}` : `${then[0].toUpperCase()}${then.slice(1)}`}
      </p>
      {!waiting && <p class="muted small">Inviting them is up to you, whenever it feels right.</p>}
      <a class="button secondary" href={href('couple')}>
        {waiting ? 'See your invite' : 'Invite your partner'}
      </a>
    </Card>
  );
}

/** "10 min · Together · Free · Easy". */
export function PracticeFacts({ practice }: { practice: Practice }) {
  const facts = [
    minutesShort(practice.minutes),
    whoWords[practice.who],
    costWords[practice.cost],
    difficultyWords[practice.difficulty],
  ];
  return (
    <p class="practice-facts">
      {facts.map((f, i) => (
        <span key={f}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          {f}
        </span>
      ))}
    </p>
  );
}

/** A note on a practice log entry is at most this many characters (the server counts characters). */
const MAX_NOTE = 500;
/** A practice can be logged for today or up to this many days before (the server's rule). */
export const LOG_MAX_DAYS_BACK = 30;

/**
 * A day to choose: a few quick picks as buttons and any day from `min` to `max` in a date field.
 * "Which day" something was done and "By when" a promise is due are both this.
 */
function DayField({
  id,
  label,
  hint,
  picks,
  min,
  max,
  class: className,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  picks: { label: string; day: string }[];
  min: string;
  max: string;
  class: string;
  value: string;
  onValue: (day: string) => void;
  error?: string;
}) {
  return (
    <div class={`field ${className}${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <div class="chips-row" role="group" aria-label={`Quick picks: ${label.toLowerCase()}`}>
        {picks.map((q) => (
          <button key={q.label} type="button" class="chip-button" aria-pressed={value === q.day} onClick={() => onValue(q.day)}>
            {q.label}
          </button>
        ))}
      </div>
      <div class="input-row">
        <input
          id={id}
          name={id}
          type="date"
          min={min}
          max={max}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type DayFieldProps = { id: string; today: string; value: string; onValue: (day: string) => void; error?: string };

/** "Which day": Today, Yesterday, or any day of the last 30 in the date field. */
function DoneDayField({ today, ...rest }: DayFieldProps) {
  return (
    <DayField
      {...rest}
      label="Which day"
      hint={`Today, or a day in the last ${LOG_MAX_DAYS_BACK}.`}
      picks={[
        { label: 'Today', day: today },
        { label: 'Yesterday', day: addDays(today, -1) },
      ]}
      min={addDays(today, -LOG_MAX_DAYS_BACK)}
      max={today}
      class="done-day"
    />
  );
}

/**
 * "Mark done": how it felt (1–5, optional) and a private note. With `day` (a planned session's) it is
 * logged on that day, or today for a day still to come; without it the person picks the day. `today` is
 * the couple's (the plan's time zone), which is what the server checks the day against.
 */
export function DoneForm({
  practice,
  id,
  today,
  day,
  onDone,
  onCancel,
}: {
  practice: Practice;
  /** Unique on the page: the fields' ids start with it. */
  id: string;
  today: string;
  day?: string;
  onDone: (entry: LogEntry) => void;
  onCancel: () => void;
}) {
  const [rating, setRating] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [chosenDay, setChosenDay] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const [noteError, setNoteError] = useState<string | undefined>();
  const [dayError, setDayError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);

  async function save() {
    if (busy) return;
    const text = note.trim();
    const when = day ?? chosenDay;
    const badDay =
      day === undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(when) || when > today || when < addDays(today, -LOG_MAX_DAYS_BACK));
    setDayError(badDay ? `Please choose today or a day in the last ${LOG_MAX_DAYS_BACK}.` : undefined);
    const long = [...text].length > MAX_NOTE;
    setNoteError(long ? `Please keep the note to ${MAX_NOTE} characters — it is ${[...text].length} now.` : undefined);
    if (badDay || long) return;
    setBusy(true);
    setError(undefined);
    try {
      // An earlier day is sent as such; today (and a planned day still to come) is the server's today.
      const entry = await api.logPractice(practice.id, {
        status: 'done',
        rating,
        ...(text ? { note: text } : {}),
        ...(when < today ? { date: when } : {}),
      });
      onDone(entry);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
      setBusy(false);
    }
  }

  return (
    <div class="done-form" ref={ref} tabIndex={-1} role="group" aria-label={`Mark ${practice.title} as done`}>
      {day === undefined && <DoneDayField id={`${id}-day`} today={today} value={chosenDay} onValue={setChosenDay} error={dayError} />}
      <ScaleField
        id={id}
        legend="How did it feel?"
        hint="Optional. It helps the next plans fit you better."
        options={feelingWords.map((w, i) => ({ value: i + 1, label: w }))}
        value={rating}
        onValue={setRating}
        gauge={false}
      />
      <TextArea
        id={`${id}-note`}
        label="A note for later (optional)"
        hint="What worked, what you would change. Only you will see it."
        rows={2}
        maxLength={MAX_NOTE + 20}
        value={note}
        onValue={setNote}
        error={noteError}
      />
      <FormError message={error} />
      <div class="actions">
        <Button type="button" busy={busy} busyLabel="Saving…" onClick={() => void save()}>
          Save as done
        </Button>
        <Button type="button" variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** A promise's text is 1–200 characters (the server counts characters, not UTF-16 units). */
export const MAX_PROMISE_TEXT = 200;
/** A promise falls due today or within this many days. */
export const PROMISE_MAX_DAYS = 90;

/** What is wrong with a promise before it is sent, under the given field ids (none: empty). */
export function promiseErrors(text: string, due: string, today: string, ids: { text: string; due: string }): Errors {
  const found: Errors = {};
  const t = text.trim();
  if (!t) found[ids.text] = 'What will you do? A few words are enough.';
  else if ([...t].length > MAX_PROMISE_TEXT) {
    found[ids.text] = `Please keep it to ${MAX_PROMISE_TEXT} characters — small promises are easier to keep.`;
  }
  if (!due) found[ids.due] = 'Please choose a day.';
  else if (due < today) found[ids.due] = 'Please choose today or a day to come.';
  else if (due > addDays(today, PROMISE_MAX_DAYS)) {
    found[ids.due] = `Please choose a day within the next ${PROMISE_MAX_DAYS} days — small and soon works best.`;
  }
  return found;
}

const quickDays: { label: string; days: number }[] = [
  { label: 'Today', days: 0 },
  { label: 'Tomorrow', days: 1 },
  { label: 'In 3 days', days: 3 },
  { label: 'In a week', days: 7 },
];

/** "By when": quick picks and a date field, from the couple's `today` to 90 days on. */
export function DueField({ today, ...rest }: DayFieldProps) {
  return (
    <DayField
      {...rest}
      label="By when"
      hint={`Today, or a day within the next ${PROMISE_MAX_DAYS}.`}
      picks={quickDays.map((q) => ({ label: q.label, day: addDays(today, q.days) }))}
      min={today}
      max={addDays(today, PROMISE_MAX_DAYS)}
      class="due-field"
    />
  );
}
