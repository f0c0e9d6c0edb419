// Pieces the "Together" screens share: their own small navigation, the state for someone who is not
// (yet) in a couple, the facts of a practice in a line, and the rules and "By when" field of a
// promise (made on the Promises page or from an agreed step of a conversation).
import { Card, type Errors } from '../components';
import { addDays } from '../insights/days';
import { href } from '../router';
import type { Couple } from '../api';
import type { Practice } from './types';
import { costWords, difficultyWords, minutesShort, whoWords } from './words';

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
export function DueField({
  id,
  today,
  value,
  onValue,
  error,
}: {
  id: string;
  today: string;
  value: string;
  onValue: (day: string) => void;
  error?: string;
}) {
  return (
    <div class={`field due-field${error ? ' has-error' : ''}`}>
      <label for={id}>By when</label>
      <p class="hint" id={`${id}-hint`}>
        Today, or a day within the next {PROMISE_MAX_DAYS}.
      </p>
      <div class="chips-row" role="group" aria-label="Quick picks: by when">
        {quickDays.map((q) => {
          const day = addDays(today, q.days);
          return (
            <button key={q.label} type="button" class="chip-button" aria-pressed={value === day} onClick={() => onValue(day)}>
              {q.label}
            </button>
          );
        })}
      </div>
      <div class="input-row">
        <input
          id={id}
          name={id}
          type="date"
          min={today}
          max={addDays(today, PROMISE_MAX_DAYS)}
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
