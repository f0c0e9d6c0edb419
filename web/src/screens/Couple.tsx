import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, Field, Form, FormError, Notice, PageTitle, copyText, errorsFrom, type Errors } from '../components';
import { formatDate, formatDateTime, fromNow } from '../format';
import { LeaveCouple } from '../LeaveCouple';
import { openInvite, partnerOf, useSession } from '../session';
import { TogetherNav } from '../plan/parts';

function InviteCode() {
  const session = useSession();
  const invite = openInvite(session);
  const codeRef = useRef<HTMLParagraphElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  if (!invite) return null;

  return (
    <div class="invite">
      <p class="invite-label" id="invite-code-label">
        Your invite code
      </p>
      <p class="code" ref={codeRef} data-testid="invite-code">
        {invite.code}
      </p>
      <p class="muted">
        Valid until {formatDateTime(invite.expires_at)} ({fromNow(invite.expires_at)}). It works once.
      </p>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          const ok = await copyText(invite.code, codeRef.current);
          setCopied(ok ? 'Code copied. Send it to your partner however suits you.' : 'The code is selected — copy it from there.');
        }}
      >
        Copy code
      </Button>
      <Notice message={copied} />
    </div>
  );
}

function MakeInvite({ again }: { again: boolean }) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  async function create() {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const invite = await api.createInvite();
      session.setInvite(invite);
      session.setCouple(invite.couple);
    } catch (error) {
      if (error instanceof ApiError && error.type === 'already-paired') await session.refresh();
      setErrors(errorsFrom(error, []));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class={again ? 'stack-sm renew' : 'stack-sm'}>
      {again && (
        <p class="muted small">Lost the code, or want a fresh one? A new code replaces the old one straight away.</p>
      )}
      <FormError message={errors.form} />
      <Button
        type="button"
        variant={again ? 'quiet' : 'primary'}
        busy={busy}
        busyLabel="Making a code…"
        onClick={create}
      >
        {again ? 'Make a new code' : 'Create an invite code'}
      </Button>
    </div>
  );
}

function JoinForm() {
  const session = useSession();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const cleaned = code.replace(/[\s-]/g, '');
    if (cleaned.length !== 12) {
      setErrors({
        code: cleaned.length
          ? `An invite code has 12 letters and numbers; this one has ${cleaned.length}.`
          : 'Please enter the code your partner gave you.',
      });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { couple } = await api.joinCouple(code.trim());
      session.setInvite(null);
      session.setCouple(couple);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 429) {
        setErrors({ form: 'Too many tries in a short time. Please wait a little and check the code with your partner.' });
      } else if (error instanceof ApiError && error.type === 'own-invite') {
        setErrors({ code: 'This is your own invite code. Share it with your partner so they can join you.' });
      } else if (error instanceof ApiError && error.type === 'invalid-invite') {
        setErrors({
          code: 'That code does not work. It may have been typed differently, already used, or expired — ask your partner for a new one.',
        });
      } else {
        setErrors(errorsFrom(error, ['code']));
      }
    }
  }

  return (
    <Form onSubmit={submit} errors={errors}>
      <FormError message={errors.form} />
      <Field
        id="code"
        label="Invite code"
        hint={
          <>
            12 letters and numbers, like <span class="nowrap">ABCD-EFGH-JKMN</span>. Capitals, spaces and dashes do
            not matter.
          </>
        }
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        maxLength={24}
        class="code-input"
        value={code}
        onValue={setCode}
        error={errors.code}
      />
      <Button busy={busy} busyLabel="Joining…">
        Join
      </Button>
    </Form>
  );
}

function CheckAgain() {
  const { refresh, me } = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <div class="stack-sm">
      <FormError message={failed ? 'We could not check just now. Please try again in a moment.' : undefined} />
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        busyLabel="Checking…"
        onClick={async () => {
          setBusy(true);
          const ok = await refresh();
          setBusy(false);
          const time = new Date().toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
          setFailed(!ok);
          setMessage(ok ? `Checked at ${time}: your partner has not joined yet.` : null);
        }}
      >
        Check if they have joined
      </Button>
      {me.couple?.status === 'waiting' && <Notice message={message} />}
    </div>
  );
}

export function CoupleScreen() {
  const session = useSession();
  const { me, refresh } = session;
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const couple = me.couple;
  const partner = partnerOf(couple);

  if (couple?.status === 'paired' && partner) {
    const since = couple.partners.reduce((latest, p) => (p.joined_at > latest ? p.joined_at : latest), couple.created_at);
    return (
      <div class="stack">
        <TogetherNav current="couple" />
        <PageTitle title="Couple">Your couple</PageTitle>
        <Card labelledBy="paired-title" tone="calm">
          <h2 id="paired-title">You and {partner.display_name} are connected</h2>
          <p>Together on Hearth since {formatDate(since)}.</p>
          <ul class="partners">
            {couple.partners.map((p) => (
              <li key={p.id}>
                <span class="avatar" aria-hidden="true">
                  {[...p.display_name][0]?.toUpperCase()}
                </span>
                <span>
                  <strong>{p.display_name}</strong>
                  {p.is_me && <span class="muted"> (you)</span>}
                  <br />
                  <span class="muted small">Joined {formatDate(p.joined_at)}</span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card labelledBy="leave-title">
          <h2 id="leave-title">Leaving</h2>
          <p class="muted">
            If you ever need to step away, you can leave. You each keep your own account and what you wrote.
          </p>
          <LeaveCouple id="leave-couple" />
        </Card>
      </div>
    );
  }

  const waiting = couple?.status === 'waiting';
  const fresh = openInvite(session);

  return (
    <div class="stack">
      <TogetherNav current="couple" />
      <div>
        <PageTitle title="Couple">Your couple</PageTitle>
        <p class="lede">Hearth works for you alone too. Inviting your partner is up to you, whenever it feels right.</p>
      </div>

      {waiting && (
        <Card labelledBy="waiting-title" tone="warm">
          <h2 id="waiting-title">Waiting for your partner</h2>
          {fresh ? (
            <p>Share this code with your partner. When they join with it, you will both see each other here.</p>
          ) : couple.invite ? (
            <p>
              An invite code is open until {formatDateTime(couple.invite.expires_at)} (
              {fromNow(couple.invite.expires_at)}). When your partner joins with it, you will both see each other here.
            </p>
          ) : (
            <p>There is no open invite right now. Make a new code whenever you are ready.</p>
          )}
          <InviteCode />
          {couple.invite && <CheckAgain />}
          <MakeInvite again={Boolean(couple.invite)} />
        </Card>
      )}

      {!couple && (
        <Card labelledBy="invite-title" tone="warm">
          <h2 id="invite-title">Invite your partner</h2>
          <p>
            Make a code and pass it to your partner however suits you — in person or in a message. It works once and
            stays valid for 72 hours.
          </p>
          <MakeInvite again={false} />
        </Card>
      )}

      <Card labelledBy="join-title">
        <h2 id="join-title">Join with a code</h2>
        <p class="muted">
          {waiting ? 'Did your partner make a code too? You can use theirs instead.' : 'Has your partner sent you a code? Enter it here.'}
        </p>
        <JoinForm />
      </Card>
    </div>
  );
}
