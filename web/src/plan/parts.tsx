// Pieces the "Together" screens share: their own small navigation, the state for someone who is not
// (yet) in a couple, and the facts of a practice in a line.
import { Card } from '../components';
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
