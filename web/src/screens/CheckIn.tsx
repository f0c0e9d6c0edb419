// The daily check-in: one screen, about a minute, once per local day (editable all that day). What the
// partner sees and what stays private is said in the form's own sections and again beside Save.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Form, FormError, Loading, Notice, PageTitle, TextArea, type Errors } from '../components';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { browserZone, fullDayWords, localToday } from '../insights/days';
import { MinutesField, ScaleField, zeroToTen, type Chip } from '../insights/fields';
import { RhythmDots } from '../insights/parts';
import type { CheckIn as Saved, CheckInAnswers, Rhythm } from '../insights/types';
import { moodWords, privateWords, sharedWords, stressWords } from '../insights/words';
import { LoadFailed } from '../assessments/parts';

const MAX_APPRECIATION = 500;
const MAX_MINUTES = 1440;

interface Draft {
  connection: number | null;
  closeness: number | null;
  affection: number | null;
  tech_interference: number | null;
  mood: number | null;
  stress: number | null;
  self_care: boolean | null;
  minutes_together: string;
  focused_minutes: string;
  appreciation: string;
  share: boolean;
}

const empty: Draft = {
  connection: null,
  closeness: null,
  affection: null,
  tech_interference: null,
  mood: null,
  stress: null,
  self_care: null,
  minutes_together: '',
  focused_minutes: '',
  appreciation: '',
  share: false,
};

function draftOf(c: Saved): Draft {
  return {
    connection: c.connection,
    closeness: c.closeness,
    affection: c.affection,
    tech_interference: c.tech_interference,
    mood: c.mood,
    stress: c.stress,
    self_care: c.self_care,
    minutes_together: String(c.minutes_together),
    focused_minutes: String(c.focused_minutes),
    appreciation: c.appreciation?.text ?? '',
    share: c.appreciation?.shared ?? false,
  };
}

/** Whole minutes 0–1440, or null when the text is not that. */
function minutesOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_MINUTES ? n : null;
}

const pick = 'Please choose one — there is no wrong answer.';

/** The form's own checks, in the order the fields appear. */
function check(d: Draft): Errors {
  const e: Errors = {};
  for (const k of ['connection', 'closeness', 'affection'] as const) if (d[k] === null) e[k] = pick;
  const together = minutesOf(d.minutes_together);
  const focused = minutesOf(d.focused_minutes);
  if (d.minutes_together.trim() === '') e.minutes_together = 'Please enter the minutes, or pick one above. 0 is fine.';
  else if (together === null) e.minutes_together = `Please enter whole minutes, from 0 to ${MAX_MINUTES}.`;
  if (d.focused_minutes.trim() === '') e.focused_minutes = 'Please enter the minutes, or pick one above. 0 is fine.';
  else if (focused === null) e.focused_minutes = `Please enter whole minutes, from 0 to ${MAX_MINUTES}.`;
  else if (together !== null && focused > together) e.focused_minutes = focusedTooLong(together);
  if (d.tech_interference === null) e.tech_interference = pick;
  if (d.mood === null) e.mood = pick;
  if (d.stress === null) e.stress = pick;
  if (d.self_care === null) e.self_care = pick;
  if ([...d.appreciation.trim()].length > MAX_APPRECIATION) {
    e.appreciation = `Please keep it to ${MAX_APPRECIATION} characters — it is ${[...d.appreciation.trim()].length} now.`;
  }
  return e;
}

const focusedTooLong = (together: number) =>
  together === 0
    ? 'Focused time is part of your time together, so with no time together it is 0.'
    : `Focused time is part of your time together, so it can be at most ${together} minutes.`;

/** The server's field names, as the form's. */
function serverErrors(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: 'Something went wrong. Please try again.' };
  const field = error.field?.split('.')[0];
  const known = [
    'connection',
    'closeness',
    'affection',
    'minutes_together',
    'focused_minutes',
    'tech_interference',
    'mood',
    'stress',
    'self_care',
    'appreciation',
  ];
  if (field && known.includes(field)) return { [field]: error.detail };
  if (field === 'time_zone') {
    return { form: `Hearth does not know this device's time zone (${browserZone()}), so it cannot tell which day it is for you.` };
  }
  return { form: error.detail };
}

const togetherChips: Chip[] = [
  { minutes: 0, label: 'None' },
  { minutes: 15, label: '15 min' },
  { minutes: 30, label: '30 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 90, label: '1½ h' },
  { minutes: 120, label: '2 h or more', thenType: true },
];

/** Focused time can never be more than time together: only the picks that fit, and "all of it". */
function focusedChips(together: number | null): Chip[] {
  const chips: Chip[] = [0, 15, 30, 60, 90]
    .filter((m) => together === null || m < together)
    .map((m) => ({ minutes: m, label: m === 0 ? 'None' : m < 60 ? `${m} min` : m === 60 ? '1 h' : '1½ h' }));
  if (together !== null && together > 0) chips.push({ minutes: together, label: 'All of it' });
  return chips;
}

type Load =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; date: string; existing: Saved | null; rhythm: Rhythm };

/** Who sees what, said plainly beside the Save button. */
function WhoSees({ partner, waiting, shareLine }: { partner: string | null; waiting: boolean; shareLine: 'shared' | 'private' | null }) {
  const line = ', and your line of appreciation';
  if (partner) {
    return (
      <div class="who-sees" data-testid="who-sees">
        <p>
          <strong>{partner} sees:</strong> {sharedWords}
          {shareLine === 'shared' && line}.
        </p>
        <p>
          <strong>Only you see:</strong> {privateWords}
          {shareLine === 'private' && line}.
        </p>
      </div>
    );
  }
  if (waiting) {
    return (
      <div class="who-sees" data-testid="who-sees">
        <p>
          <strong>When your partner joins, they will see:</strong> {sharedWords}
          {shareLine === 'shared' && line}.
        </p>
        <p>
          <strong>Only you see:</strong> {privateWords}
          {shareLine === 'private' && line}.
        </p>
      </div>
    );
  }
  return (
    <div class="who-sees" data-testid="who-sees">
      <p>
        <strong>Only you see this check-in.</strong> If you invite a partner later, they will see only the check-ins
        you make together from then on — never your {privateWords}.
      </p>
    </div>
  );
}

export function CheckIn() {
  const { me } = useSession();
  const couple = me.couple;
  const partner = couple?.status === 'paired' ? (partnerOf(couple)?.display_name ?? null) : null;
  const waiting = couple?.status === 'waiting';
  const canShare = partner !== null || waiting;
  const them = partner ?? 'your partner';

  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [newDay, setNewDay] = useState<string | null>(null);
  const call = useRef(0);

  /** Today's check-in, if there is one. The server's "today" wins over this device's clock. */
  async function open() {
    const mine = ++call.current;
    setLoad({ state: 'loading' });
    setNewDay(null);
    const zone = browserZone();
    try {
      const today = localToday(zone);
      let answer = await api.checkins(today, today, zone);
      if (answer.rhythm.today !== today) answer = await api.checkins(answer.rhythm.today, answer.rhythm.today, zone);
      if (mine !== call.current) return;
      const existing = answer.checkins.find((c) => c.date === answer.rhythm.today) ?? null;
      setDraft(existing ? draftOf(existing) : empty);
      setErrors({});
      setLoad({ state: 'ready', date: answer.rhythm.today, existing, rhythm: answer.rhythm });
    } catch (error) {
      if (mine !== call.current) return;
      setLoad({ state: 'failed', message: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.' });
    }
  }

  useEffect(() => {
    void open();
    return () => {
      call.current += 1;
    };
  }, []);

  // An answer hides its own message; the rest stay until the next Save. (The errors object itself is
  // left alone: Form moves focus to the first problem whenever it changes.)
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const shown = (key: string) => (answered.has(key) ? undefined : errors[key]);

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
    if (errors[key] && !answered.has(key)) setAnswered(new Set([...answered, key]));
  };

  async function submit() {
    if (busy || load.state !== 'ready') return;
    setSaved(null);
    const found = check(draft);
    setErrors(found);
    setAnswered(new Set());
    if (Object.values(found).some(Boolean)) return;
    const text = draft.appreciation.trim();
    const answers: CheckInAnswers = {
      connection: draft.connection!,
      closeness: draft.closeness!,
      affection: draft.affection!,
      minutes_together: minutesOf(draft.minutes_together)!,
      focused_minutes: minutesOf(draft.focused_minutes)!,
      tech_interference: draft.tech_interference!,
      mood: draft.mood!,
      stress: draft.stress!,
      self_care: draft.self_care!,
      appreciation: text ? { text, shared: canShare && draft.share } : null,
      time_zone: browserZone(),
    };
    setBusy(true);
    try {
      const { checkin, rhythm } = await api.saveCheckin(load.date, answers);
      setLoad({ state: 'ready', date: load.date, existing: checkin, rhythm });
      setDraft(draftOf(checkin));
      setSaved(
        load.existing
          ? 'Your changes are saved. You can still change them until the day ends.'
          : 'Saved — thank you for taking a minute. You can change it until the day ends.',
      );
    } catch (error) {
      if (error instanceof ApiError && error.type === 'not-today') {
        // The page was left open past midnight (or the clocks disagree): that day is closed now.
        setNewDay(error.detail);
        setErrors({});
      } else {
        setErrors(serverErrors(error));
        setAnswered(new Set());
      }
    } finally {
      setBusy(false);
    }
  }

  const together = minutesOf(draft.minutes_together);
  const focused = minutesOf(draft.focused_minutes);
  // Said at once, not only on Save: it is the one rule between two fields.
  const focusedError =
    shown('focused_minutes') ?? (together !== null && focused !== null && focused > together ? focusedTooLong(together) : undefined);
  const text = draft.appreciation.trim();
  const shareLine = text ? (canShare && draft.share ? 'shared' : 'private') : null;

  let title = 'How was today?';
  let body;
  if (load.state === 'loading') body = <Loading label="Opening today’s check-in…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={() => void open()} />;
  else {
    if (load.existing) title = 'Today’s check-in';
    body = (
      <>
        <Form onSubmit={submit} errors={errors} class="checkin-form" label="Today’s check-in">
          <section class="checkin-part" aria-labelledby="shared-title">
            <h2 id="shared-title">{partner ? `Between you and ${partner}` : 'Between the two of you'}</h2>
            <p class="muted small">
              {partner
                ? `${partner} sees these answers.`
                : waiting
                  ? 'Your partner sees these answers once they join.'
                  : 'Only you see these for now.'}
            </p>
            <ScaleField
              id="connection"
              legend="How connected did you feel to each other today?"
              options={zeroToTen('not at all', 'deeply')}
              ends={['Not at all', 'Deeply']}
              value={draft.connection}
              onValue={set('connection')}
              error={shown('connection')}
            />
            <ScaleField
              id="closeness"
              legend={`How emotionally close did you feel to ${them}?`}
              options={zeroToTen('far apart', 'very close')}
              ends={['Far apart', 'Very close']}
              value={draft.closeness}
              onValue={set('closeness')}
              error={shown('closeness')}
            />
            <ScaleField
              id="affection"
              legend="How much physical affection was there?"
              hint="Hugs, holding hands, a kiss, sitting close."
              options={zeroToTen('none', 'lots')}
              ends={['None', 'Lots']}
              value={draft.affection}
              onValue={set('affection')}
              error={shown('affection')}
            />
            <MinutesField
              id="minutes_together"
              label="Time together today"
              hint="Awake and with each other — at home, out, or on a call."
              chips={togetherChips}
              value={draft.minutes_together}
              onValue={set('minutes_together')}
              error={shown('minutes_together')}
            />
            <MinutesField
              id="focused_minutes"
              label="Of that, focused and phone-free"
              hint="Time when screens were put away and you were really with each other."
              chips={focusedChips(together)}
              value={draft.focused_minutes}
              onValue={set('focused_minutes')}
              error={focusedError}
            />
            <ScaleField
              id="tech_interference"
              legend="How much did screens get in the way between you?"
              options={zeroToTen('not at all', 'all the time')}
              ends={['Not at all', 'All the time']}
              value={draft.tech_interference}
              onValue={set('tech_interference')}
              error={shown('tech_interference')}
            />
          </section>

          <section class="checkin-part private" aria-labelledby="private-title">
            <h2 id="private-title">Just for you</h2>
            <p class="muted small">Only you ever see these{partner ? ` — ${partner} does not` : ''}.</p>
            <ScaleField
              id="mood"
              legend="How was your mood?"
              options={moodWords.map((w, i) => ({ value: i + 1, label: w }))}
              value={draft.mood}
              onValue={set('mood')}
              error={shown('mood')}
              gauge={false}
            />
            <ScaleField
              id="stress"
              legend="How much stress did you feel?"
              options={stressWords.map((w, i) => ({ value: i + 1, label: w }))}
              value={draft.stress}
              onValue={set('stress')}
              error={shown('stress')}
              gauge={false}
            />
            <ScaleField
              id="self_care"
              legend="Did you do something kind for yourself today?"
              hint="A walk, rest, time with a friend, something you enjoy — anything counts."
              options={[
                { value: 1, label: 'Yes' },
                { value: 0, label: 'Not today' },
              ]}
              value={draft.self_care === null ? null : draft.self_care ? 1 : 0}
              onValue={(v) => set('self_care')(v === 1)}
              error={shown('self_care')}
              gauge={false}
            />
          </section>

          <section class="checkin-part" aria-labelledby="appreciation-title">
            <h2 id="appreciation-title">A line of appreciation</h2>
            <TextArea
              id="appreciation"
              label={`Something you appreciated about ${them} today (optional)`}
              hint="A small thing is plenty: a look, a kindness, a cup of tea."
              rows={2}
              maxLength={MAX_APPRECIATION + 20}
              value={draft.appreciation}
              onValue={set('appreciation')}
              error={shown('appreciation')}
            />
            {canShare ? (
              <fieldset class="share-choice">
                <legend>Who sees this line?</legend>
                <div class="choices">
                  <label class="choice">
                    <input type="radio" name="share" checked={!draft.share} onChange={() => set('share')(false)} />
                    <span>Keep it private — only you</span>
                  </label>
                  <label class="choice">
                    <input type="radio" name="share" checked={draft.share} onChange={() => set('share')(true)} />
                    <span>{partner ? `Share it with ${partner}` : 'Share it with your partner once they join'}</span>
                  </label>
                </div>
              </fieldset>
            ) : (
              <p class="muted small">Only you see this line.</p>
            )}
          </section>

          <WhoSees partner={partner} waiting={waiting} shareLine={shareLine} />
          <FormError message={errors.form} />
          {newDay && (
            <div class="form-error new-day" role="alert">
              <p>{newDay} Nothing you saved is lost.</p>
              <Button type="button" variant="secondary" onClick={() => void open()}>
                Start today’s check-in
              </Button>
            </div>
          )}
          {!newDay && (
            <Button busy={busy} busyLabel="Saving…">
              {load.existing ? 'Save changes' : 'Save check-in'}
            </Button>
          )}
          <Notice message={saved} />
        </Form>

        <section class="card rhythm-card" aria-labelledby="week-title">
          <h2 id="week-title">Your week</h2>
          <RhythmDots rhythm={load.rhythm} />
          <p class="muted small">
            Whenever you check in, it counts. A missed day is just a quiet day — nothing is lost.
          </p>
          <div class="actions">
            <a class="button secondary" href={href('insights')}>
              See your insights
            </a>
            <a class="button quiet" href={href('home')}>
              Back to home
            </a>
          </div>
        </section>
      </>
    );
  }

  return (
    <div class="stack checkin">
      <div>
        <a class="back-link" href={href('home')}>
          <span aria-hidden="true">←</span> Home
        </a>
        {load.state === 'ready' && <p class="eyebrow">{fullDayWords(load.date)}</p>}
        <PageTitle title="Check-in">{title}</PageTitle>
        <p class="lede">About a minute. Answer from the gut — you can change it any time today.</p>
      </div>
      {body}
    </div>
  );
}
