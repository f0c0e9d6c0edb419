// One disagreement, step by step: your side → understand each other → ideas → agreement.
import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Conflict, type Side } from '../api';
import {
  Button,
  Card,
  Form,
  FormError,
  Loading,
  Notice,
  PageTitle,
  TextArea,
  errorsFrom,
  hasErrors,
  type Errors,
} from '../components';
import { formatDate, formatDateTime } from '../format';
import { DueField, MAX_PROMISE_TEXT, promiseErrors } from '../plan/parts';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { CoachPanel, useCoach } from '../conflict/Coach';
import { breakLengths, isOpen, nameOf, steps } from '../conflict/words';
import { Unavailable, useToolsReason } from './Conflicts';

const MAX_TEXT = 4000;
const MAX_IDEA = 500;
const MAX_STEP = 300;
const MAX_STEPS = 10;
/** How often an open conversation asks the server for news while the page is visible. */
const POLL_MS = 15000;

interface Ctx {
  conflict: Conflict;
  myId: string;
  partner: string;
  /** Runs a change; the server's answer replaces the conflict. Resolves to whether it worked. */
  act: (call: () => Promise<Conflict>) => Promise<{ ok: true } | { ok: false; error: unknown }>;
  /** Fetches the conversation again; resolves to it, or null when that failed. */
  reload: () => Promise<Conflict | null>;
}

const ConflictContext = createContext<Ctx | null>(null);
const useConflict = () => useContext(ConflictContext)!;

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
function whenShort(iso: string): string {
  const d = new Date(iso);
  const now = new Date();
  return d.toDateString() === now.toDateString() ? timeOnly.format(d) : formatDateTime(iso);
}

function CheckMark() {
  return (
    <svg class="check" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4.5 10.5l3.5 3.5 7.5-8" />
    </svg>
  );
}

// ---------- Stepper and "what now" ----------

function Stepper({ stage }: { stage: Conflict['stage'] }) {
  const current = stage === 'agreed' ? steps.length : steps.findIndex((s) => s.stage === stage);
  return (
    <ol class="stepper" aria-label="Steps">
      {steps.map((step, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={step.stage} class={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="step-dot" aria-hidden="true">
              {state === 'done' ? <CheckMark /> : i + 1}
            </span>
            <span class="step-label">
              {step.label}
              {state === 'done' && <span class="visually-hidden"> (done)</span>}
              {state === 'current' && <span class="visually-hidden"> (now)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function CheckAgain({ label = 'Check again' }: { label?: string }) {
  const { reload, conflict } = useConflict();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div class="stack-sm">
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        busyLabel="Checking…"
        onClick={async () => {
          const before = conflict.updated_at;
          setBusy(true);
          const fresh = await reload();
          setBusy(false);
          const time = timeOnly.format(new Date());
          if (!fresh) setMessage('We could not check just now. Please try again in a moment.');
          else setMessage(fresh.updated_at === before ? `Checked at ${time} — nothing new yet.` : `Checked at ${time}.`);
        }}
      >
        {label}
      </Button>
      <Notice message={message} />
    </div>
  );
}

// ---------- Sides ----------

const sideParts: { key: 'happened' | 'felt' | 'need'; mine: string; theirs: string; hint: string }[] = [
  {
    key: 'happened',
    mine: 'What happened',
    theirs: 'What happened',
    hint: 'Describe it the way a camera would have seen it: what was said and done, and when.',
  },
  {
    key: 'felt',
    mine: 'What I felt',
    theirs: 'What they felt',
    hint: 'A few feeling words can say a lot: hurt, worried, lonely, tired, angry, unseen.',
  },
  {
    key: 'need',
    mine: 'What I need underneath',
    theirs: 'What they need underneath',
    hint: 'The wish behind the feeling — to be heard, some rest, to feel like a team, to be asked.',
  },
];

function SideView({ side, whose }: { side: Side; whose: 'mine' | 'theirs' }) {
  return (
    <dl class="side-view">
      {sideParts.map((part) => (
        <div key={part.key}>
          <dt>{whose === 'mine' ? part.mine : part.theirs}</dt>
          <dd>{side[part.key]}</dd>
        </div>
      ))}
    </dl>
  );
}

function BothSides({ open = true }: { open?: boolean }) {
  const { conflict, partner } = useConflict();
  const { mine, partner: theirs } = conflict.sides;
  if (!mine || !theirs) return null;
  const body = (
    <div class="sides">
      <section class="side theirs" aria-labelledby="their-side-title">
        <h3 id="their-side-title">{partner}’s side</h3>
        <SideView side={theirs} whose="theirs" />
      </section>
      <section class="side mine" aria-labelledby="my-side-title">
        <h3 id="my-side-title">Your side</h3>
        <SideView side={mine} whose="mine" />
      </section>
    </div>
  );
  if (open) {
    return (
      <section aria-labelledby="both-title" class="stack-sm">
        <h2 id="both-title">Both sides</h2>
        {body}
      </section>
    );
  }
  return (
    <details class="disclosure">
      <summary>What you each wrote</summary>
      {body}
    </details>
  );
}

function SideForm() {
  const { conflict, partner, act } = useConflict();
  const saved = conflict.sides.mine;
  const [values, setValues] = useState({
    happened: saved?.happened ?? '',
    felt: saved?.felt ?? '',
    need: saved?.need ?? '',
  });
  const [active, setActive] = useState<'happened' | 'felt' | 'need'>('happened');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const coach = useCoach(active, values[active]);

  const set = (key: keyof typeof values, value: string) => {
    setActive(key);
    setNotice(null);
    setValues((prev) => ({ ...prev, [key]: value }));
  };

  async function save(submit: boolean) {
    if (busy) return;
    setNotice(null);
    const found: Errors = {};
    for (const part of sideParts) {
      const text = values[part.key].trim();
      if (submit && !text) found[part.key] = 'Please write at least a few words here before you submit.';
      else if (text.length > MAX_TEXT) found[part.key] = `Please keep this to ${MAX_TEXT} characters.`;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(submit ? 'submit' : 'draft');
    const result = await act(() =>
      api.saveSide(conflict.id, {
        happened: values.happened.trim(),
        felt: values.felt.trim(),
        need: values.need.trim(),
        submit,
      }),
    );
    setBusy(null);
    if (result.ok) {
      if (!submit) setNotice('Draft saved. Only you can see it.');
    } else {
      setErrors(errorsFrom(result.error, ['happened', 'felt', 'need']));
    }
  }

  return (
    <Card labelledBy="side-title" tone="warm">
      <h2 id="side-title">Your side</h2>
      <p>
        Write it just for yourself first. {partner} will not see any of it until you have both submitted — then you
        see each other’s at the same moment.
      </p>
      <p class="muted small partner-status">
        {conflict.sides.partner_submitted
          ? `${partner} has already submitted their side.`
          : `${partner} has not submitted their side yet.`}
      </p>
      <Form onSubmit={() => void save(true)} errors={errors} label="Your side">
        <FormError message={errors.form} />
        {sideParts.map((part) => (
          <div key={part.key} class="coached-field">
            <TextArea
              id={part.key}
              label={part.mine}
              hint={part.hint}
              maxLength={MAX_TEXT}
              value={values[part.key]}
              onValue={(v) => set(part.key, v)}
              onFocus={() => setActive(part.key)}
              error={errors[part.key]}
              describedBy={active === part.key ? `${part.key}-coach` : undefined}
            />
            {active === part.key && (
              <CoachPanel
                id={`${part.key}-coach`}
                state={coach}
                fieldKey={part.key}
                onUse={(text) => set(part.key, text)}
              />
            )}
          </div>
        ))}
        <p class="reveal-note">
          <strong>When you submit, your side is final.</strong> Your partner will see this only when they have
          submitted theirs too.
        </p>
        <div class="actions">
          <Button busy={busy === 'submit'} busyLabel="Submitting…">
            Submit my side
          </Button>
          <Button type="button" variant="quiet" busy={busy === 'draft'} busyLabel="Saving…" onClick={() => void save(false)}>
            Save draft
          </Button>
        </div>
        <Notice message={notice} />
      </Form>
    </Card>
  );
}

function WritingStage() {
  const { conflict, partner } = useConflict();
  const mine = conflict.sides.mine;
  if (!mine?.submitted_at) return <SideForm />;
  return (
    <Card labelledBy="waiting-title" tone="calm">
      <h2 id="waiting-title">Your side is in</h2>
      <p>
        Thank you for putting it into words. {partner} will see your side only when they have submitted theirs too —
        and you will see theirs at the same moment.
      </p>
      <p class="muted small">This page checks for news every so often while it is open.</p>
      <CheckAgain />
      <details class="disclosure">
        <summary>What you wrote</summary>
        <SideView side={mine} whose="mine" />
      </details>
    </Card>
  );
}

// ---------- Understanding ----------

function RestateForm() {
  const { conflict, partner, act } = useConflict();
  const previous = conflict.restatements.mine;
  const [text, setText] = useState(previous?.text ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const coach = useCoach('restatement', text);

  async function submit() {
    if (busy) return;
    const trimmed = text.trim();
    if (!trimmed) return setErrors({ restatement: `Please write how you understood ${partner}.` });
    if (trimmed.length > MAX_TEXT) return setErrors({ restatement: `Please keep it to ${MAX_TEXT} characters.` });
    setErrors({});
    setBusy(true);
    const result = await act(() => api.restate(conflict.id, trimmed));
    setBusy(false);
    if (!result.ok) {
      const e = errorsFrom(result.error, ['text']);
      setErrors(e.text ? { restatement: e.text } : e);
    }
  }

  return (
    <Form onSubmit={submit} errors={errors}>
      {previous?.status === 'try_again' && (
        <p class="gentle-note">
          {partner} said it is not quite there yet. Read their side again and have another go — getting closer is the
          whole point, not getting it perfect.
        </p>
      )}
      <FormError message={errors.form} />
      <div class="coached-field">
        <TextArea
          id="restatement"
          label={`${partner}’s view, in your own words`}
          hint={
            <>
              Not whether you agree — just show {partner} you understood. For example: “You felt … when …, and what
              you need is …”.
            </>
          }
          maxLength={MAX_TEXT}
          value={text}
          onValue={setText}
          error={errors.restatement}
          describedBy="restatement-coach"
        />
        <CoachPanel id="restatement-coach" state={coach} fieldKey="restatement" onUse={setText} />
      </div>
      <Button busy={busy} busyLabel="Sending…">
        Send to {partner}
      </Button>
    </Form>
  );
}

function MyRestatement() {
  const { conflict, partner } = useConflict();
  const mine = conflict.restatements.mine;
  const [editing, setEditing] = useState(false);
  // Once a new version is sent, show it (waiting again) instead of the form.
  useEffect(() => setEditing(false), [mine?.updated_at, mine?.attempts]);
  let body: ComponentChildren;
  if (!mine || mine.status === 'try_again' || (mine.status === 'waiting' && editing)) body = <RestateForm />;
  else if (mine.status === 'waiting') {
    body = (
      <>
        <blockquote class="quote">{mine.text}</blockquote>
        <p class="status-line waiting" data-testid="my-restatement-status">
          Waiting for {partner} to read it.
        </p>
        <div class="stack-sm">
          <CheckAgain />
          <Button type="button" variant="quiet" onClick={() => setEditing(true)}>
            Change what you wrote
          </Button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <blockquote class="quote">{mine.text}</blockquote>
        <p class="status-line done" data-testid="my-restatement-status">
          <CheckMark /> {partner} said: yes, that’s it.
        </p>
      </>
    );
  }
  return (
    <Card labelledBy="restate-title">
      <h2 id="restate-title">Say back what you heard</h2>
      {body}
    </Card>
  );
}

function PartnerRestatement() {
  const { conflict, partner, act } = useConflict();
  const theirs = conflict.restatements.partner;
  const [busy, setBusy] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<string | undefined>();

  async function answer(confirm: boolean) {
    if (busy) return;
    setBusy(confirm ? 'yes' : 'no');
    setError(undefined);
    const result = await act(() => api.answerRestatement(conflict.id, confirm));
    setBusy(null);
    if (!result.ok) setError(errorsFrom(result.error, []).form);
  }

  let body: ComponentChildren;
  if (!theirs) {
    body = <p class="muted">{partner} has not written how they heard you yet. It will show up here.</p>;
  } else if (theirs.status === 'waiting') {
    body = (
      <>
        <blockquote class="quote">{theirs.text}</blockquote>
        <p>Is this how it is for you?</p>
        <FormError message={error} />
        <div class="actions">
          <Button type="button" busy={busy === 'yes'} busyLabel="Sending…" onClick={() => void answer(true)}>
            Yes, that’s it
          </Button>
          <Button
            type="button"
            variant="secondary"
            busy={busy === 'no'}
            busyLabel="Sending…"
            onClick={() => void answer(false)}
          >
            Not quite — try again
          </Button>
        </div>
        <p class="muted small">“Try again” gives {partner} another go. It is not a failure — it is how understanding grows.</p>
      </>
    );
  } else if (theirs.status === 'try_again') {
    body = (
      <p class="status-line waiting" data-testid="partner-restatement-status">
        You asked {partner} to try again. Their new version will show up here.
      </p>
    );
  } else {
    body = (
      <>
        <blockquote class="quote">{theirs.text}</blockquote>
        <p class="status-line done" data-testid="partner-restatement-status">
          <CheckMark /> You said: yes, that’s it.
        </p>
      </>
    );
  }
  return (
    <Card labelledBy="heard-title">
      <h2 id="heard-title">How {partner} heard you</h2>
      {body}
    </Card>
  );
}

function UnderstandingStage() {
  return (
    <>
      <BothSides />
      <MyRestatement />
      <PartnerRestatement />
    </>
  );
}

// ---------- Ideas and agreement ----------

function IdeaList() {
  const { conflict, myId } = useConflict();
  const session = useSession();
  if (conflict.ideas.length === 0) return <p class="muted">No ideas yet. The first one does not have to be good.</p>;
  return (
    <ul class="ideas">
      {conflict.ideas.map((idea) => (
        <li key={idea.id} class={idea.is_mine ? 'mine' : 'theirs'}>
          <span class="idea-author">{idea.is_mine ? 'You' : nameOf(idea.author, myId, session.me.couple)}</span>
          <span class="idea-text">{idea.text}</span>
        </li>
      ))}
    </ul>
  );
}

function AddIdea() {
  const { conflict, act } = useConflict();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (busy) return;
    const trimmed = text.trim();
    if (!trimmed) return setErrors({ idea: 'Please write your idea first.' });
    if (trimmed.length > MAX_IDEA) return setErrors({ idea: `Please keep an idea to ${MAX_IDEA} characters.` });
    setErrors({});
    setBusy(true);
    const result = await act(() => api.addIdea(conflict.id, trimmed));
    setBusy(false);
    if (result.ok) setText('');
    else {
      const e = errorsFrom(result.error, ['text']);
      setErrors(e.text ? { idea: e.text } : e);
    }
  }
  return (
    <Form onSubmit={submit} errors={errors}>
      <FormError message={errors.form} />
      <TextArea
        id="idea"
        label="Add an idea"
        hint="Small or big, practical or a little wild. Nothing is decided yet."
        rows={2}
        maxLength={MAX_IDEA}
        value={text}
        onValue={setText}
        error={errors.idea}
      />
      <Button variant="secondary" busy={busy} busyLabel="Adding…">
        Add idea
      </Button>
    </Form>
  );
}

function StepsEditor({ initial, submitLabel, onDone }: { initial: string[]; submitLabel: string; onDone?: () => void }) {
  const { conflict, act } = useConflict();
  const [items, setItems] = useState<string[]>(initial.length ? initial : ['']);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const focusIndex = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (focusIndex.current === null) return;
    listRef.current?.querySelectorAll<HTMLInputElement>('input')[focusIndex.current]?.focus();
    focusIndex.current = null;
  });

  async function submit() {
    if (busy) return;
    const found: Errors = {};
    const cleaned = items.map((s) => s.trim());
    cleaned.forEach((s, i) => {
      if (!s) found[`step-${i}`] = 'Please write this step, or remove it.';
      else if (s.length > MAX_STEP) found[`step-${i}`] = `Please keep a step to ${MAX_STEP} characters.`;
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const result = await act(() => api.proposeAgreement(conflict.id, cleaned));
    setBusy(false);
    if (result.ok) onDone?.();
    else setErrors(errorsFrom(result.error, []));
  }

  return (
    <Form onSubmit={submit} errors={errors} label="Agreement steps" class="steps-editor">
      <p class="hint">Small, concrete steps work best: who does what, and when. Up to {MAX_STEPS}.</p>
      <FormError message={errors.form} />
      <ol class="step-inputs" ref={listRef}>
        {items.map((value, i) => {
          const id = `step-${i}`;
          const error = errors[id];
          return (
            <li key={i} class={error ? 'field has-error' : 'field'}>
              <label for={id}>Step {i + 1}</label>
              <div class="input-row">
                <input
                  id={id}
                  name={id}
                  type="text"
                  autoComplete="off"
                  maxLength={MAX_STEP}
                  value={value}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setItems((prev) => prev.map((s, j) => (j === i ? v : s)));
                  }}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
                {items.length > 1 && (
                  <button
                    type="button"
                    class="reveal"
                    aria-label={`Remove step ${i + 1}`}
                    onClick={() => {
                      setItems((prev) => prev.filter((_, j) => j !== i));
                      setErrors({});
                      focusIndex.current = Math.max(0, i - 1);
                    }}
                  >
                    Remove
                  </button>
                )}
              </div>
              {error && (
                <p class="field-error" id={`${id}-error`} role="alert">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {items.length < MAX_STEPS && (
        <Button
          type="button"
          variant="quiet"
          onClick={() => {
            focusIndex.current = items.length;
            setItems((prev) => [...prev, '']);
          }}
        >
          Add a step
        </Button>
      )}
      <Button busy={busy} busyLabel="Proposing…">
        {submitLabel}
      </Button>
    </Form>
  );
}

function IdeasStage() {
  const { conflict, partner } = useConflict();
  const mineIn = conflict.ideas.some((i) => i.is_mine);
  const theirsIn = conflict.ideas.some((i) => !i.is_mine);
  return (
    <>
      <BothSides open={false} />
      <Card labelledBy="ideas-title">
        <h2 id="ideas-title">Ideas</h2>
        <p class="muted">Anything that might help. Add as many as you like; you will choose together afterwards.</p>
        <IdeaList />
        <AddIdea />
      </Card>
      <Card labelledBy="propose-title" tone="warm">
        <h2 id="propose-title">Propose an agreement</h2>
        {mineIn && theirsIn ? (
          <>
            <p>Pick what you both could live with and turn it into a few steps. {partner} can accept it or suggest changes.</p>
            <StepsEditor initial={['']} submitLabel="Propose this agreement" />
          </>
        ) : (
          <p class="muted">
            {mineIn
              ? `Once ${partner} has added an idea too, either of you can turn the ideas into an agreement.`
              : theirsIn
                ? `${partner} has added an idea. Add one of yours, and then either of you can propose an agreement.`
                : 'When you both have added at least one idea, either of you can turn them into an agreement.'}
          </p>
        )}
      </Card>
    </>
  );
}

function AgreementStage() {
  const { conflict, partner, myId, act } = useConflict();
  const session = useSession();
  const agreement = conflict.agreement;
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!agreement) return <IdeasStage />;
  const iAccepted = agreement.accepted_by.includes(myId);
  const theyAccepted = agreement.accepted_by.some((id) => id !== myId);
  const byMe = agreement.proposed_by === myId;

  async function accept() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await act(() => api.acceptAgreement(conflict.id));
    setBusy(false);
    if (!result.ok) setError(errorsFrom(result.error, []).form);
  }

  return (
    <>
      <BothSides open={false} />
      <Card labelledBy="proposal-title" tone="warm">
        <p class="eyebrow">Proposed by {byMe ? 'you' : nameOf(agreement.proposed_by, myId, session.me.couple)}</p>
        <h2 id="proposal-title">The proposal</h2>
        <ol class="agreement-steps">
          {agreement.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
        <ul class="accept-status">
          <li class={iAccepted ? 'done' : ''}>
            {iAccepted ? <CheckMark /> : <span class="dot" aria-hidden="true" />}
            {iAccepted ? 'You have accepted it.' : 'You have not accepted it yet.'}
          </li>
          <li class={theyAccepted ? 'done' : ''}>
            {theyAccepted ? <CheckMark /> : <span class="dot" aria-hidden="true" />}
            {theyAccepted ? `${partner} has accepted it.` : `${partner} has not accepted it yet.`}
          </li>
        </ul>
        <FormError message={error} />
        {!changing && (
          <div class="actions">
            {!iAccepted && (
              <Button type="button" busy={busy} busyLabel="Accepting…" onClick={() => void accept()}>
                Accept this agreement
              </Button>
            )}
            <Button type="button" variant={iAccepted ? 'secondary' : 'quiet'} onClick={() => setChanging(true)}>
              Propose a changed version
            </Button>
          </div>
        )}
        {iAccepted && !theyAccepted && !changing && (
          <div class="stack-sm waiting-block">
            <p class="muted small">Waiting for {partner} to accept it or suggest changes.</p>
            <CheckAgain />
          </div>
        )}
      </Card>
      {changing && (
        <Card labelledBy="change-title">
          <h2 id="change-title">A changed version</h2>
          <p class="muted small">It replaces the current proposal, and {partner} will be asked to accept it again.</p>
          <StepsEditor initial={agreement.steps} submitLabel="Propose the changed version" onDone={() => setChanging(false)} />
          <div class="stack-sm">
            <Button type="button" variant="quiet" onClick={() => setChanging(false)}>
              Keep the current proposal
            </Button>
          </div>
        </Card>
      )}
      <details class="disclosure">
        <summary>All the ideas</summary>
        <IdeaList />
      </details>
    </>
  );
}

// ---------- Agreed: a step can become a promise ----------

function promiseTextFrom(step: string): string {
  return [...step.trim()].slice(0, MAX_PROMISE_TEXT).join('').trimEnd();
}

/**
 * The inline form for one step: its text (editable) and a day. `today` is the couple's day from the
 * server, so "Tomorrow" means their tomorrow, not the browser's.
 */
function StepPromiseForm({
  step,
  label,
  base,
  today,
  onMade,
  onCancel,
}: {
  step: string;
  label: string;
  base: string;
  today: string;
  onMade: () => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(() => promiseTextFrom(step));
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const textId = `${base}-text`;
  const dueId = `${base}-due`;
  const shortened = [...step.trim()].length > MAX_PROMISE_TEXT;
  // A field's message goes once the person changes that field. Kept apart from `errors`, which Form
  // watches to move focus to the first problem: that should happen after a submit, not while typing.
  const [changed, setChanged] = useState<Record<string, boolean>>({});
  const shownError = (id: string) => (changed[id] ? undefined : errors[id]);
  const changeText = (v: string) => {
    setText(v);
    setChanged((c) => (c[textId] ? c : { ...c, [textId]: true }));
  };
  const changeDue = (v: string) => {
    setDue(v);
    setChanged((c) => (c[dueId] ? c : { ...c, [dueId]: true }));
  };

  useEffect(() => {
    document.getElementById(textId)?.focus();
  }, [textId]);

  async function submit() {
    if (busy) return;
    const t = text.trim();
    const found = promiseErrors(text, due, today, { text: textId, due: dueId });
    setChanged({});
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await api.makePromise(t, due);
      onMade();
    } catch (error) {
      const e = errorsFrom(error, ['text', 'due']);
      setChanged({});
      setErrors(e.text ? { [textId]: e.text } : e.due ? { [dueId]: e.due } : e);
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void submit()} errors={errors} label={label} class="step-promise">
      <TextArea
        id={textId}
        label="Your promise"
        hint={shortened ? `Shortened to ${MAX_PROMISE_TEXT} characters — a promise is best kept small.` : undefined}
        rows={2}
        maxLength={MAX_PROMISE_TEXT + 20}
        value={text}
        onValue={changeText}
        error={shownError(textId)}
      />
      <DueField id={dueId} today={today} value={due} onValue={changeDue} error={shownError(dueId)} />
      <FormError message={errors.form} />
      <div class="actions">
        <Button busy={busy} busyLabel="Saving…">
          Make this promise
        </Button>
        <Button type="button" variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

type StepPromiseState = 'idle' | 'form' | 'done';

/** One agreed step; with a partner, a quiet way to turn it into a promise. */
function AgreedStep({
  step,
  index,
  loadToday,
}: {
  step: string;
  index: number;
  /** The couple's today, fetched once for all steps; null when there is no way to promise. */
  loadToday: (() => Promise<string>) | null;
}) {
  const [state, setState] = useState<StepPromiseState>('idle');
  const [today, setToday] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const openRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (state === 'done') doneRef.current?.focus();
    if (state === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      openRef.current?.querySelector('button')?.focus();
    }
  }, [state]);

  async function open() {
    if (opening || !loadToday) return;
    setOpening(true);
    setError(undefined);
    try {
      setToday(await loadToday());
      setState('form');
    } catch (e) {
      setError(errorsFrom(e, []).form);
    } finally {
      setOpening(false);
    }
  }

  const base = `step-promise-${index}`;
  return (
    <li>
      <span class="agreed-step-text">{step}</span>
      {state === 'done' ? (
        <p class="step-promised" ref={doneRef} tabIndex={-1} data-testid="step-promised">
          <CheckMark />
          <span>
            Promised — it is on your <a href={href('promises')}>Promises page</a>.
          </span>
        </p>
      ) : state === 'form' && today ? (
        <StepPromiseForm
          step={step}
          label={`Make step ${index + 1} a promise`}
          base={base}
          today={today}
          onMade={() => setState('done')}
          onCancel={() => {
            returnFocus.current = true;
            setState('idle');
          }}
        />
      ) : loadToday ? (
        <div class="step-promise-open" ref={openRef}>
          {/* " — step", not ": step": Chromium adds a space before a visually hidden span in the name. */}
          <Button type="button" variant="quiet" busy={opening} busyLabel="Opening…" onClick={() => void open()}>
            Make it a promise<span class="visually-hidden"> — {step}</span>
          </Button>
          <FormError message={error} />
        </div>
      ) : null}
    </li>
  );
}

function AgreedStage() {
  const { conflict } = useConflict();
  const { me } = useSession();
  const agreement = conflict.agreement;
  const paired = me.couple?.status === 'paired' && partnerOf(me.couple) !== null;
  // The couple's "today" comes with the promises list; ask once, when the first form opens.
  const today = useRef<Promise<string> | null>(null);
  const loadToday = useCallback(() => {
    if (!today.current) {
      today.current = api.promises().then(
        (p) => p.today,
        (error) => {
          today.current = null; // let the next try ask again
          throw error;
        },
      );
    }
    return today.current;
  }, []);
  return (
    <>
      <section class="card celebrate" aria-labelledby="agreed-title" data-testid="agreed">
        <svg class="celebrate-mark" viewBox="0 0 64 64" width="56" height="56" aria-hidden="true" focusable="false">
          <circle cx="32" cy="32" r="30" fill="#f1f7f3" stroke="#cce2d5" stroke-width="2" />
          <path d="M32 46s-13-8-13-18a7 7 0 0 1 13-4 7 7 0 0 1 13 4c0 10-13 18-13 18z" fill="#d9652b" />
        </svg>
        <h2 id="agreed-title">You agreed</h2>
        <p>
          {agreement?.agreed_at ? `On ${formatDate(agreement.agreed_at)} you` : 'You'} both said yes to a way forward.
          That took care and patience from each of you.
        </p>
        {agreement && (
          <ol class="agreement-steps agreed-steps">
            {agreement.steps.map((step, i) => (
              <AgreedStep key={i} step={step} index={i} loadToday={paired ? loadToday : null} />
            ))}
          </ol>
        )}
      </section>
      <BothSides open={false} />
      <p>
        <a href={href('conflicts')}>Back to all conversations</a>
      </p>
    </>
  );
}

function ClosedStage() {
  const { conflict } = useConflict();
  return (
    <>
      <Card labelledBy="closed-title" tone="calm">
        <h2 id="closed-title">Closed without an agreement</h2>
        <p>
          This conversation was set aside{conflict.ended_at ? ` on ${formatDate(conflict.ended_at)}` : ''}. Not
          everything gets settled in one go, and that is all right. What you both wrote stays here.
        </p>
        <p>When you are both ready, you can start a new conversation about it.</p>
        <a class="button secondary" href={href('conflicts')}>
          Back to all conversations
        </a>
      </Card>
      <BothSides open={false} />
    </>
  );
}

// ---------- Break and close ----------

function remaining(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

function PauseView() {
  const { conflict, partner, myId, act, reload } = useConflict();
  const pause = conflict.pause!;
  const byMe = pause.by === myId;
  const until = new Date(pause.until).getTime();
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const reloaded = useRef(false);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    // The break ends by itself at the return time: fetch the conversation again then.
    if (now >= until && !reloaded.current) {
      reloaded.current = true;
      void reload();
    }
  }, [now, until, reload]);

  async function resume() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await act(() => api.resume(conflict.id));
    setBusy(false);
    if (!result.ok) setError(errorsFrom(result.error, []).form);
  }

  return (
    <section class="card pause" aria-labelledby="pause-title" data-testid="pause">
      <p class="eyebrow">On a break</p>
      <h2 id="pause-title">{byMe ? 'You are taking a break' : `${partner} asked for a break`}</h2>
      <p>
        Back at <strong>{whenShort(pause.until)}</strong>.{' '}
        {byMe
          ? `${partner} can see that you are taking a break and when you plan to come back.`
          : 'The conversation opens again by itself then.'}
      </p>
      <p class="countdown" role="timer">
        <span class="visually-hidden">Time left in the break: </span>
        <span class="countdown-value">{remaining(until - now)}</span>
        <span class="countdown-unit">left</span>
      </p>
      {pause.suggestion && (
        <figure class="suggestion">
          <figcaption>While you wait</figcaption>
          <blockquote>{pause.suggestion}</blockquote>
        </figure>
      )}
      <p class="muted small">Nothing can change during the break. Everything you both wrote is kept just as it was.</p>
      <FormError message={error} />
      {byMe ? (
        <Button type="button" variant="secondary" busy={busy} busyLabel="Coming back…" onClick={() => void resume()}>
          I’m ready to come back now
        </Button>
      ) : (
        <CheckAgain />
      )}
    </section>
  );
}

function BreakPicker() {
  const { conflict, act } = useConflict();
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(20);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const legendRef = useRef<HTMLLegendElement>(null);
  useEffect(() => {
    if (open) legendRef.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Take a break…
      </Button>
    );
  }
  async function start() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await act(() => api.pause(conflict.id, minutes));
    setBusy(false);
    if (!result.ok) setError(errorsFrom(result.error, []).form);
  }
  return (
    <form
      class="break-picker"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <fieldset>
        <legend ref={legendRef} tabIndex={-1}>
          For how long?
        </legend>
        <div class="choices">
          {breakLengths.map((b) => (
            <label key={b.minutes} class="choice">
              <input
                type="radio"
                name="break"
                value={b.minutes}
                checked={minutes === b.minutes}
                onChange={() => setMinutes(b.minutes)}
              />
              <span>
                <strong>{b.label}</strong>
                <span class="muted small"> · {b.detail}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={error} />
      <div class="actions">
        <Button busy={busy} busyLabel="Starting the break…">
          Start the break
        </Button>
        <Button type="button" variant="quiet" onClick={() => setOpen(false)}>
          Not now
        </Button>
      </div>
    </form>
  );
}

function CloseConflict() {
  const { conflict, act } = useConflict();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) titleRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <Button type="button" variant="quiet" onClick={() => setConfirming(true)}>
        Close without an agreement…
      </Button>
    );
  }
  return (
    <div class="confirm" role="group" aria-labelledby="close-title">
      <h3 id="close-title" tabIndex={-1} ref={titleRef}>
        Close this conversation without an agreement?
      </h3>
      <ul>
        <li>Neither of you will be able to add to it any more.</li>
        <li>What you both wrote stays here for you to look back on.</li>
        <li>You can start a new conversation about it whenever you are both ready.</li>
      </ul>
      <FormError message={error} />
      <div class="actions">
        <Button
          type="button"
          variant="danger"
          busy={busy}
          busyLabel="Closing…"
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            const result = await act(() => api.close(conflict.id));
            setBusy(false);
            if (!result.ok) setError(errorsFrom(result.error, []).form);
          }}
        >
          Yes, close it
        </Button>
        <Button type="button" variant="quiet" onClick={() => setConfirming(false)}>
          Keep it open
        </Button>
      </div>
    </div>
  );
}

// ---------- The screen ----------

/**
 * After a change the control that had focus may be gone (a submitted form becomes a status). Then focus
 * the heading of the same card if it is still there, else the first heading of the step.
 */
function restoreFocus(sectionTitleId: string | null) {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const target =
    (sectionTitleId && document.getElementById(sectionTitleId)) || document.querySelector<HTMLElement>('.conflict-stage h2');
  if (!target) return;
  target.setAttribute('tabindex', '-1');
  target.focus();
}

type Load = { state: 'loading' } | { state: 'missing' } | { state: 'failed'; message: string } | { state: 'ready' };

export function ConflictScreen({ id }: { id: string }) {
  const session = useSession();
  const { me, refresh } = session;
  const reason = useToolsReason();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // Bumped by every change, so a slower background check never undoes a newer answer.
  const epoch = useRef(0);
  const conflictRef = useRef(conflict);
  conflictRef.current = conflict;

  const reload = useCallback(async (): Promise<Conflict | null> => {
    const started = epoch.current;
    try {
      const fresh = await api.conflict(id);
      if (epoch.current === started) setConflict(fresh);
      setLoad({ state: 'ready' });
      return fresh;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.type !== 'not-in-couple') setLoad({ state: 'missing' });
      else if (error instanceof ApiError && (error.type === 'conflict-tools-unavailable' || error.type === 'not-in-couple')) {
        void refresh();
      } else if (!conflictRef.current) {
        setLoad({ state: 'failed', message: error instanceof ApiError ? error.detail : 'Something went wrong.' });
      }
      return null;
    }
  }, [id, refresh]);

  const act = useCallback<Ctx['act']>(
    async (call) => {
      epoch.current += 1;
      // Where focus was, so it can come back near there if the control that had it goes away.
      const section = document.activeElement?.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
      try {
        setConflict(await call());
        setTimeout(() => restoreFocus(section ?? null), 0);
        return { ok: true };
      } catch (error) {
        // Someone else may have moved the conversation on (a break, a new stage): show what is true now.
        if (error instanceof ApiError && (error.status === 409 || error.status === 404)) void reload();
        return { ok: false, error };
      }
    },
    [reload],
  );

  useEffect(() => {
    if (!reason) void reload();
  }, [reason, reload]);

  // While the conversation is open, look for news now and then, and when the tab comes back.
  const open = conflict ? isOpen(conflict.stage) : false;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [open, reload]);

  if (reason === 'checking') return <Loading />;
  if (reason) {
    return (
      <div class="stack">
        <PageTitle title="Talk it through">Talk it through</PageTitle>
        <Unavailable reason={reason} />
      </div>
    );
  }
  if (load.state === 'missing') {
    return (
      <div class="stack">
        <PageTitle title="Not found">We could not find that conversation</PageTitle>
        <p>It may have been from an earlier couple, or the link is not quite right.</p>
        <a class="button secondary" href={href('conflicts')}>
          See all conversations
        </a>
      </div>
    );
  }
  if (load.state === 'failed') {
    return (
      <div class="stack">
        <PageTitle title="Talk it through">We could not open this conversation</PageTitle>
        <p class="form-error" role="alert">
          {load.message}
        </p>
        <Button type="button" onClick={() => void reload()}>
          Try again
        </Button>
      </div>
    );
  }
  if (!conflict) return <Loading label="Opening the conversation…" />;

  const partner = partnerOf(me.couple)?.display_name ?? 'Your partner';
  const paused = Boolean(conflict.pause?.active);
  const ctx: Ctx = { conflict, myId: me.user.id, partner, act, reload };
  const stageView = {
    writing: WritingStage,
    understanding: UnderstandingStage,
    ideas: IdeasStage,
    agreement: AgreementStage,
    agreed: AgreedStage,
    closed: ClosedStage,
  }[conflict.stage];
  const StageView = stageView;

  return (
    <ConflictContext.Provider value={ctx}>
      <div class="stack conflict">
        <div>
          <a class="back-link" href={href('conflicts')}>
            <span aria-hidden="true">←</span> All conversations
          </a>
          <p class="eyebrow">Talking it through</p>
          <PageTitle title={conflict.topic}>{conflict.topic}</PageTitle>
          <p class="muted small">
            {nameOf(conflict.started_by, me.user.id, me.couple)} started it on {formatDate(conflict.created_at)}
          </p>
        </div>
        {conflict.stage !== 'closed' && <Stepper stage={conflict.stage} />}
        {open && conflict.next && !paused && (
          <p class="next-step" data-testid="next">
            <span class="next-label">Now</span> {conflict.next}
          </p>
        )}
        <div class="conflict-stage stack">
          {paused ? <PauseView key={conflict.pause!.until} /> : <StageView key={conflict.stage} />}
        </div>
        {open && !paused && (
          <Card labelledBy="moment-title">
            <h2 id="moment-title">Need a moment?</h2>
            <p class="muted">
              When things feel heated, a break often helps more than pushing on. {partner} will see that you are taking
              one and when you plan to come back.
            </p>
            <div class="stack-sm">
              <BreakPicker />
              <CloseConflict />
            </div>
          </Card>
        )}
      </div>
    </ConflictContext.Provider>
  );
}
