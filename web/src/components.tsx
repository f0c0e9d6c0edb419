// Small shared pieces: form fields, buttons, alerts, the page heading.
import type { ComponentChildren, InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

/** Field name → message; `form` holds a message that belongs to no single field. */
export type Errors = Partial<Record<string, string>>;

/** Turns a failed request into messages: by field when the server names one we show, else for the form. */
export function errorsFrom(error: unknown, fields: readonly string[]): Errors {
  if (error instanceof ApiError) {
    if (error.field && fields.includes(error.field)) return { [error.field]: error.detail };
    return { form: error.detail };
  }
  return { form: 'Something went wrong. Please try again.' };
}

export const hasErrors = (errors: Errors) => Object.values(errors).some(Boolean);

let firstPage = true;

/** The page's <h1>: sets the document title and takes focus after in-app navigation. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Hearth`;
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** A <form> that skips browser validation bubbles and moves focus to the first problem after a failed submit. */
export function Form({
  onSubmit,
  errors,
  children,
  label,
  class: className,
}: {
  onSubmit: () => void;
  errors: Errors;
  children: ComponentChildren;
  label?: string;
  class?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!hasErrors(errors)) return;
    const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-error');
    target?.focus();
  }, [errors]);
  return (
    <form
      ref={ref}
      class={className}
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A message for the whole form, announced when it appears. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert" tabIndex={-1}>
      {message}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label' | 'id' | 'type'>;

interface FieldProps extends InputProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  type?: string;
  /** Extra content after the input, inside the same row (e.g. a show-password button). */
  after?: ComponentChildren;
}

export function Field({ id, label, hint, error, value, onValue, type = 'text', after, ...rest }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div class="input-row">
        <input
          {...rest}
          id={id}
          name={id}
          type={type}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        {after}
      </div>
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type TextAreaProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'onInput' | 'label' | 'id'
>;

/** A labelled multi-line field, with the same hint and error wiring as Field; `describedBy` adds more ids. */
export function TextArea({
  id,
  label,
  hint,
  error,
  value,
  onValue,
  describedBy: extra,
  rows = 4,
  ...rest
}: TextAreaProps & {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  describedBy?: string;
  rows?: number;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, extra].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        {...rest}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A password input with a button to show what was typed (handy on phones). */
export function PasswordField(props: Omit<FieldProps, 'type' | 'after'>) {
  const [shown, setShown] = useState(false);
  return (
    <Field
      {...props}
      type={shown ? 'text' : 'password'}
      autoCapitalize="off"
      spellcheck={false}
      after={
        <button
          type="button"
          class="reveal"
          aria-pressed={shown}
          aria-controls={props.id}
          aria-label={`Show ${props.label.toLowerCase()}`}
          onClick={() => setShown(!shown)}
        >
          Show
        </button>
      }
    />
  );
}

export function Button({
  busy,
  busyLabel,
  children,
  variant = 'primary',
  type = 'submit',
  onClick,
  disabled,
}: {
  busy?: boolean;
  busyLabel?: string;
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  type?: 'submit' | 'button';
  onClick?: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type={type}
      class={`button ${variant}`}
      aria-disabled={busy || disabled ? 'true' : undefined}
      onClick={(event) => {
        // aria-disabled keeps the button focusable (and announced) while blocking a second submit.
        if (busy || disabled) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {busy ? (busyLabel ?? 'One moment…') : children}
    </button>
  );
}

/** Copies text; falls back to selecting it (clipboard access needs HTTPS or localhost). */
export async function copyText(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* try the older way below */
  }
  if (!element) return false;
  const selection = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(element);
  selection?.removeAllRanges();
  selection?.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** A polite message that appears after something succeeded. */
export function Notice({ message }: { message?: string | null }) {
  return (
    <p class={message ? 'notice' : 'notice empty'} role="status">
      {message ?? ''}
    </p>
  );
}

export function Card({
  children,
  labelledBy,
  tone,
}: {
  children: ComponentChildren;
  labelledBy?: string;
  tone?: 'warm' | 'calm' | 'danger';
}) {
  return (
    <section class={tone ? `card ${tone}` : 'card'} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="ember" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#f6e7d8" />
      <path d="M12 54V30a20 20 0 0 1 40 0v24" fill="none" stroke="#7a4a2e" stroke-width="5" stroke-linecap="round" />
      <path
        d="M32 20c2 7 11 11 11 21a11 11 0 0 1-22 0c0-6 4-8 5-13 2 3 3 5 5 6 1-4 0-9 1-14z"
        fill="#d9652b"
      />
      <path d="M32 33c1 4 6 5 6 10a6 6 0 0 1-12 0c0-3 2-5 3-7 1 1 2 2 3 2 0-2 0-3 0-5z" fill="#f4b54a" />
      <path d="M18 54h28" stroke="#7a4a2e" stroke-width="5" stroke-linecap="round" />
    </svg>
  );
}
