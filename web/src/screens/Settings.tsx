import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, exportUrl } from '../api';
import {
  Button,
  Card,
  Field,
  Form,
  FormError,
  Notice,
  PageTitle,
  PasswordField,
  errorsFrom,
  type Errors,
} from '../components';
import { LeaveCouple } from '../LeaveCouple';
import { CheckinDownloads } from '../insights/parts';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { MAX_NAME, MIN_PASSWORD } from './SignUp';

function NameForm() {
  const { me, setUser } = useSession();
  const [name, setName] = useState(me.user.display_name);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    setDone(null);
    const trimmed = name.trim();
    if (!trimmed) return setErrors({ display_name: 'Please enter a name.' });
    if ([...trimmed].length > MAX_NAME) return setErrors({ display_name: `Please keep it to ${MAX_NAME} characters.` });
    setErrors({});
    setBusy(true);
    try {
      const { user } = await api.rename(trimmed);
      setUser(user);
      setName(user.display_name);
      setDone('Saved. This is the name your partner sees.');
    } catch (error) {
      setErrors(errorsFrom(error, ['display_name']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={submit} errors={errors}>
      <FormError message={errors.form} />
      <Field
        id="display_name"
        label="Name"
        hint="The name your partner sees. A first name or nickname is fine."
        autoComplete="nickname"
        maxLength={MAX_NAME}
        value={name}
        onValue={setName}
        error={errors.display_name}
      />
      <Button busy={busy} busyLabel="Saving…">
        Save name
      </Button>
      <Notice message={done} />
    </Form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    setDone(null);
    const found: Errors = {};
    if (!current) found.current_password = 'Please enter your current password.';
    if (next.length < MIN_PASSWORD)
      found.new_password = `Your new password needs at least ${MIN_PASSWORD} characters — you have ${next.length} so far.`;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone('Your password is changed. Any other devices where you were logged in have been logged out.');
    } catch (error) {
      if (error instanceof ApiError && error.type === 'wrong-password') {
        setErrors({ current_password: 'That is not your current password. Please try again.' });
      } else {
        setErrors(errorsFrom(error, ['current_password', 'new_password']));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={submit} errors={errors}>
      <FormError message={errors.form} />
      <PasswordField
        id="current_password"
        label="Current password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
        error={errors.current_password}
      />
      <PasswordField
        id="new_password"
        label="New password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD} characters.`}
        value={next}
        onValue={setNext}
        error={errors.new_password}
      />
      <Button busy={busy} busyLabel="Changing…">
        Change password
      </Button>
      <Notice message={done} />
    </Form>
  );
}

function LogOut() {
  const { signedOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  return (
    <div class="stack-sm">
      <FormError message={errors.form} />
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        busyLabel="Logging out…"
        onClick={async () => {
          setBusy(true);
          try {
            await api.logOut();
            signedOut('You are logged out. See you soon.');
          } catch (error) {
            // 401 means the session had already ended: the app takes care of that.
            if (!(error instanceof ApiError && error.status === 401)) setErrors(errorsFrom(error, []));
            setBusy(false);
          }
        }}
      >
        Log out
      </Button>
    </div>
  );
}

function DeleteAccount() {
  const { me, signedOut } = useSession();
  const partner = partnerOf(me.couple);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) titleRef.current?.focus();
  }, [open]);

  async function submit() {
    if (busy) return;
    if (!password) return setErrors({ password: 'Please enter your password to confirm.' });
    setErrors({});
    setBusy(true);
    try {
      await api.deleteAccount(password);
      signedOut('Your account and everything in it have been removed from this server. Take good care.');
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.type === 'wrong-password') {
        setErrors({ password: 'That is not your password. Nothing has been deleted.' });
      } else {
        setErrors(errorsFrom(error, ['password']));
      }
    }
  }

  if (!open) {
    return (
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        Delete my account…
      </Button>
    );
  }

  return (
    <div class="confirm" role="group" aria-labelledby="delete-confirm-title">
      <h3 id="delete-confirm-title" tabIndex={-1} ref={titleRef}>
        Delete your account for good?
      </h3>
      <ul>
        <li>Your account and everything you wrote in Hearth are removed from this server.</li>
        {partner ? (
          <li>
            You leave your couple. {partner.display_name} keeps their own account and what they wrote.
          </li>
        ) : (
          <li>If you are in a couple, you leave it. Your partner keeps their own account and what they wrote.</li>
        )}
        <li>
          This cannot be undone. You may want to <a href={exportUrl} download="">download your data</a>{' '}
          first.
        </li>
      </ul>
      <Form onSubmit={submit} errors={errors}>
        <FormError message={errors.form} />
        <PasswordField
          id="delete_password"
          label="Your password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.password}
        />
        <div class="actions">
          <Button variant="danger" busy={busy} busyLabel="Deleting…">
            Delete my account
          </Button>
          <Button
            type="button"
            variant="quiet"
            onClick={() => {
              setOpen(false);
              setPassword('');
              setErrors({});
            }}
          >
            Keep my account
          </Button>
        </div>
      </Form>
    </div>
  );
}

export function Settings() {
  const { me, refresh } = useSession();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const couple = me.couple;

  return (
    <div class="stack">
      <div>
        <PageTitle title="Settings">Settings</PageTitle>
        <p class="lede">
          Logged in as <strong class="break">{me.user.email}</strong>
        </p>
      </div>

      <Card labelledBy="name-title">
        <h2 id="name-title">Your name</h2>
        <NameForm />
      </Card>

      <Card labelledBy="password-title">
        <h2 id="password-title">Password</h2>
        <PasswordForm />
      </Card>

      <Card labelledBy="data-title">
        <h2 id="data-title">Your data</h2>
        <p class="muted">
          Download a copy of everything Hearth keeps about you, as a JSON file you can open or keep anywhere.
        </p>
        <a class="button secondary" href={exportUrl} download="">
          Download my data
        </a>
        <h3 class="subheading">Your check-ins</h3>
        <p class="muted">
          Every daily check-in you have made, with all its answers — as a spreadsheet (CSV) or as JSON.
        </p>
        <CheckinDownloads />
      </Card>

      <Card labelledBy="couple-title">
        <h2 id="couple-title">Couple</h2>
        {couple?.status === 'paired' ? (
          <>
            <p class="muted">You are connected with {partnerOf(couple)?.display_name}.</p>
            <LeaveCouple id="settings-leave" />
          </>
        ) : (
          <>
            <p class="muted">
              {couple ? 'You are waiting for your partner to join.' : 'You are not in a couple right now.'}
            </p>
            <a class="button secondary" href={href('couple')}>
              Go to your couple
            </a>
          </>
        )}
      </Card>

      <Card labelledBy="logout-title">
        <h2 id="logout-title">Log out</h2>
        <p class="muted">Log out on this device. Your data stays safe on the server.</p>
        <LogOut />
      </Card>

      <Card labelledBy="delete-title" tone="danger">
        <h2 id="delete-title">Delete account</h2>
        <p class="muted">Remove your account and everything you wrote from this server.</p>
        <DeleteAccount />
      </Card>
    </div>
  );
}
