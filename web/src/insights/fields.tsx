// The check-in's inputs: a scale as a row of large segments (real radio buttons: arrow keys move along
// it), and minutes with quick picks beside a number field. Errors sit next to their field.
import type { ComponentChildren } from 'preact';

export interface ScaleOption {
  value: number;
  /** What the segment shows: the number, or a word for short scales. */
  label: string;
  /** Said to screen readers after the label, e.g. "not at all" for 0. */
  more?: string;
}

/** 0–10 with words at both ends. */
export function zeroToTen(low: string, high: string): ScaleOption[] {
  return Array.from({ length: 11 }, (_, v) => ({
    value: v,
    label: String(v),
    more: v === 0 ? low : v === 10 ? high : undefined,
  }));
}

/**
 * One question on a scale. Segments up to the chosen one are tinted, so the row reads as a gauge.
 * With `ends` the words for the two ends are shown under the row.
 */
export function ScaleField({
  id,
  legend,
  hint,
  options,
  value,
  onValue,
  error,
  ends,
  gauge = true,
}: {
  id: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  options: ScaleOption[];
  value: number | null;
  onValue: (value: number) => void;
  error?: string;
  ends?: [string, string];
  gauge?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`scale-field${error ? ' has-error' : ''}`} id={`${id}-group`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div class={`segments n${options.length}${gauge ? ' gauge' : ''}`}>
        {options.map((o) => {
          const chosen = value === o.value;
          const lit = gauge && value !== null && o.value <= value;
          return (
            <label key={o.value} class={`segment${chosen ? ' chosen' : ''}${lit ? ' lit' : ''}`}>
              <input
                type="radio"
                name={id}
                value={o.value}
                checked={chosen}
                aria-invalid={error ? 'true' : undefined}
                onChange={() => onValue(o.value)}
              />
              <span class="segment-label">
                {o.label}
                {o.more && <span class="visually-hidden">, {o.more}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {ends && (
        <p class="segment-ends" aria-hidden="true">
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export interface Chip {
  minutes: number;
  label: string;
  /** After picking it, put the cursor in the number field (e.g. "2 h or more": type the exact time). */
  thenType?: boolean;
}

/** Minutes: a few quick picks that fill in the number field, which can also be typed into. */
export function MinutesField({
  id,
  label,
  hint,
  chips,
  value,
  onValue,
  error,
}: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  chips: Chip[];
  value: string;
  onValue: (value: string) => void;
  error?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const current = value.trim() === '' ? null : Number(value);
  return (
    <div class={`field minutes-field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        <span class="visually-hidden">, in minutes</span>
      </label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div class="chips-row" role="group" aria-label={`Quick picks: ${label.toLowerCase()}`}>
        {chips.map((c) => (
          <button
            key={c.label}
            type="button"
            class="chip-button"
            aria-pressed={current === c.minutes}
            onClick={() => {
              onValue(String(c.minutes));
              if (c.thenType) {
                const input = document.getElementById(id) as HTMLInputElement | null;
                input?.focus();
                input?.select();
              }
            }}
          >
            {c.label}
          </button>
        ))}
      </div>
      <div class="input-row minutes-input">
        <input
          id={id}
          name={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <span class="unit" aria-hidden="true">
          minutes
        </span>
      </div>
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
