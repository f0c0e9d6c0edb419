// "Talk it through": the couple's disagreements, a way to start talking about a new one, and the way to patterns.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type ConflictSummary, type Me } from '../api';
import { Button, Card, Field, Form, FormError, Loading, PageTitle, errorsFrom, type Errors } from '../components';
import { formatDate } from '../format';
import { href, navigate } from '../router';
import { partnerOf, useSession } from '../session';
import { nameOf, stageWords } from '../conflict/words';

const MAX_TOPIC = 200;

/** Why the tools cannot be used now, or null when they can. */
export function unavailableReason(me: Me): 'no-partner' | 'waiting' | 'off' | null {
  const couple = me.couple;
  if (!couple) return 'no-partner';
  if (couple.status !== 'paired' || !partnerOf(couple)) return 'waiting';
  if (me.conflict_tools !== true) return 'off';
  return null;
}

/**
 * Asks the server who we are once on arrival: `conflict_tools` can change (a partner joined a moment
 * ago in another tab). Resolves the reason to show, or 'checking' while a "not offered" might be stale.
 */
export function useToolsReason(): ReturnType<typeof unavailableReason> | 'checking' {
  const { me, refresh } = useSession();
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    let live = true;
    void refresh().finally(() => {
      if (live) setFresh(true);
    });
    return () => {
      live = false;
    };
  }, [refresh]);
  const reason = unavailableReason(me);
  return reason === 'off' && !fresh ? 'checking' : reason;
}

/** A kind explanation in place of tools that would not work. */
export function Unavailable({ reason }: { reason: 'no-partner' | 'waiting' | 'off' }) {
  if (reason === 'off') {
    return (
      <Card labelledBy="unavailable-title" tone="warm">
        <h2 id="unavailable-title">Not offered for you right now</h2>
        <p>
          Working through disagreements together is not switched on for your account at the moment, so there is
          nothing to do here. Everything else in Hearth works as usual.
        </p>
        <p class="muted">
          If something between you feels too heavy or unsafe to talk through, a counsellor or someone you trust can
          help — reaching out is a sign of care.
        </p>
      </Card>
    );
  }
  return (
    <Card labelledBy="unavailable-title" tone="warm">
      <h2 id="unavailable-title">This is for the two of you</h2>
      <p>
        Talking a disagreement through here takes both of you: each writes their side privately, you check that you
        understood each other, and then you look for a way forward together.
      </p>
      <p>
        {reason === 'waiting'
          ? 'Your partner has not joined yet. When they have, this space opens for you both.'
          : 'Once your partner has joined you on Hearth, this space opens for you both.'}
      </p>
      <a class="button secondary" href={href('couple')}>
        {reason === 'waiting' ? 'See your invite' : 'Invite your partner'}
      </a>
    </Card>
  );
}

function StartForm() {
  const [topic, setTopic] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const trimmed = topic.trim();
    if (!trimmed) return setErrors({ topic: 'Please write a few words about what it is about.' });
    if ([...trimmed].length > MAX_TOPIC) return setErrors({ topic: `Please keep it to ${MAX_TOPIC} characters.` });
    setErrors({});
    setBusy(true);
    try {
      const conflict = await api.startConflict(trimmed);
      navigate('conflicts', { sub: conflict.id });
    } catch (error) {
      setBusy(false);
      setErrors(errorsFrom(error, ['topic']));
    }
  }

  return (
    <Card labelledBy="start-title" tone="warm">
      <h2 id="start-title">Start talking about something</h2>
      <Form onSubmit={submit} errors={errors}>
        <FormError message={errors.form} />
        <Field
          id="topic"
          label="What is it about?"
          hint="A few neutral words are enough, like “Weekend plans” or “Money for the holiday”. Your partner will see this."
          autoComplete="off"
          maxLength={MAX_TOPIC}
          value={topic}
          onValue={setTopic}
          error={errors.topic}
        />
        <Button busy={busy} busyLabel="Starting…">
          Start
        </Button>
      </Form>
    </Card>
  );
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; list: ConflictSummary[] };

export function Conflicts() {
  const { me, refresh } = useSession();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reason = useToolsReason();

  async function fetchList() {
    try {
      const { conflicts } = await api.conflicts();
      setLoad({ state: 'ready', list: conflicts });
    } catch (error) {
      if (error instanceof ApiError && (error.type === 'conflict-tools-unavailable' || error.type === 'not-in-couple')) {
        void refresh();
      }
      setLoad({ state: 'failed', message: error instanceof ApiError ? error.detail : 'Something went wrong.' });
    }
  }

  useEffect(() => {
    if (!reason) void fetchList();
  }, [reason]);

  return (
    <div class="stack">
      <div>
        <PageTitle title="Talk it through">Talk it through</PageTitle>
        <p class="lede">
          A calm way through a disagreement: you each write your side on your own, make sure you understand each
          other, and then look for a way forward together.
        </p>
      </div>

      {reason === 'checking' ? (
        <Loading />
      ) : reason ? (
        <Unavailable reason={reason} />
      ) : (
        <>
          <StartForm />
          <section aria-labelledby="list-title" class="stack-sm">
            <h2 id="list-title">Your conversations</h2>
            {load.state === 'loading' && <Loading label="Loading your conversations…" />}
            {load.state === 'failed' && (
              <div class="stack-sm">
                <p class="form-error" role="alert">
                  {load.message}
                </p>
                <Button type="button" variant="secondary" onClick={() => void fetchList()}>
                  Try again
                </Button>
              </div>
            )}
            {load.state === 'ready' && load.list.length === 0 && (
              <p class="muted empty-state">
                Nothing here yet — and that is fine. This space is here for when something needs talking through.
              </p>
            )}
            {load.state === 'ready' && load.list.length > 0 && (
              <ul class="conflict-list">
                {load.list.map((c) => (
                  <li key={c.id}>
                    <a href={href('conflicts', c.id)} class="conflict-item">
                      <span class="conflict-topic">{c.topic}</span>
                      <span class="conflict-meta">
                        <span class={`stage-chip stage-${c.stage}`}>{stageWords[c.stage]}</span>
                        {c.paused && <span class="badge-paused">On a break</span>}
                      </span>
                      <span class="muted small">
                        {nameOf(c.started_by, me.user.id, me.couple, 'You')} started it on {formatDate(c.created_at)}
                        {c.ended_at ? ` · ended ${formatDate(c.ended_at)}` : ''}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Card labelledBy="patterns-title" tone="calm">
            <h2 id="patterns-title">Patterns</h2>
            <p>How often disagreements come up, how they end, and the tone between you — drawn, not scored.</p>
            <a class="button secondary" href={href('conflicts', 'patterns')}>
              See your patterns
            </a>
          </Card>
        </>
      )}
    </div>
  );
}
