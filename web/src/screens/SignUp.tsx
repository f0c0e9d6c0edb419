import { useState } from 'preact/hooks';
import { api, ApiError, type User } from '../api';
import { Button, Field, Form, FormError, PageTitle, PasswordField, errorsFrom, type Errors } from '../components';
import { href } from '../router';
import { Welcome } from './Welcome';

export const MIN_PASSWORD = 10;
export const MAX_NAME = 60;

export function SignUp({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const found: Errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = 'Please enter an email address, like name@example.com.';
    if (!name.trim()) found.display_name = 'Please tell us what to call you.';
    else if ([...name.trim()].length > MAX_NAME) found.display_name = `Please keep your name to ${MAX_NAME} characters.`;
    if (password.length < MIN_PASSWORD)
      found.password = `Your password needs at least ${MIN_PASSWORD} characters — you have ${password.length} so far.`;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const { user } = await api.signUp(email.trim(), password, name.trim());
      onSignedIn(user);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.type === 'email-taken') {
        setErrors({ email: 'There is already an account with this email. You can log in instead.' });
      } else {
        setErrors(errorsFrom(error, ['email', 'display_name', 'password']));
      }
    }
  }

  return (
    <div class="stack auth">
      <Welcome />
      <div class="card">
        <PageTitle title="Create your account">Create your account</PageTitle>
        <p class="muted">It takes a minute. Your partner makes their own account later, if and when they want to.</p>
        <Form onSubmit={submit} errors={errors}>
          <FormError message={errors.form} />
          <Field
            id="email"
            label="Email"
            type="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="off"
            spellcheck={false}
            value={email}
            onValue={setEmail}
            error={errors.email}
            hint="Used only to log in. Your partner never sees it."
          />
          <Field
            id="display_name"
            label="Your name"
            autoComplete="nickname"
            maxLength={MAX_NAME}
            value={name}
            onValue={setName}
            error={errors.display_name}
            hint="What your partner will see — a first name or nickname is fine."
          />
          <PasswordField
            id="password"
            label="Password"
            autoComplete="new-password"
            value={password}
            onValue={setPassword}
            error={errors.password}
            hint={`At least ${MIN_PASSWORD} characters. A short phrase you will remember works well.`}
          />
          <Button busy={busy} busyLabel="Creating your account…">
            Create account
          </Button>
        </Form>
      </div>
      <p class="switch">
        Already have an account? <a href={href('login')}>Log in</a>
      </p>
    </div>
  );
}
