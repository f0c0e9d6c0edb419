import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Field, Form, FormError, PageTitle, PasswordField, errorsFrom, type Errors } from '../components';
import { waitText } from '../format';
import { href } from '../router';
import { Welcome } from './Welcome';

export function LogIn({ flash, onSignedIn }: { flash: string | null; onSignedIn: () => Promise<boolean> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // The message from the last screen (e.g. "You are logged out") goes once the person acts.
  const [notice, setNotice] = useState(flash);

  async function submit() {
    if (busy) return;
    setNotice(null);
    const found: Errors = {};
    if (!email.trim()) found.email = 'Please enter your email address.';
    if (!password) found.password = 'Please enter your password.';
    setErrors(found);
    if (found.email || found.password) return;
    setBusy(true);
    try {
      await api.logIn(email.trim(), password);
      if (!(await onSignedIn())) {
        setBusy(false);
        setErrors({ form: 'You are logged in, but we could not load your space. Please reload the page.' });
      }
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 429) {
        setErrors({
          form: `Too many attempts in a short time. To keep your account safe, please wait ${waitText(error.retryAfter)} and try again.`,
        });
      } else if (error instanceof ApiError && error.type === 'wrong-credentials') {
        setErrors({ form: 'That email and password do not match an account here. Please check them and try again.' });
      } else {
        setErrors(errorsFrom(error, ['email', 'password']));
      }
    }
  }

  return (
    <div class="stack auth">
      <Welcome />
      <div class="card">
        <PageTitle title="Log in">Log in</PageTitle>
        {notice && (
          <p class="notice flash" role="status">
            {notice}
          </p>
        )}
        <Form onSubmit={submit} errors={errors}>
          <FormError message={errors.form} />
          <Field
            id="email"
            label="Email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoCapitalize="off"
            spellcheck={false}
            value={email}
            onValue={setEmail}
            error={errors.email}
          />
          <PasswordField
            id="password"
            label="Password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            error={errors.password}
          />
          <Button busy={busy} busyLabel="Logging in…">
            Log in
          </Button>
        </Form>
      </div>
      <p class="switch">
        New to Hearth? <a href={href('signup')}>Create an account</a>
      </p>
    </div>
  );
}
