// Today's question (#/prompts): one a day for the couple. Each answers on their own; both answers show
// once both have answered (paired reveal). Either can skip it or ask for a lighter one while neither has
// answered; couples can add their own; past questions below. Questions deepen slowly as they answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, Form, FormError, Loading, Notice, PageTitle, TextArea, type Errors } from '../components';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { dayWords, fullDayWords } from '../insights/days';
import { NeedsCouple, TogetherNav } from '../plan/parts';
import type { DailyPrompt, Depth } from '../plan/types';
import { depthHints, depthWords, themes } from '../plan/words';

const MAX_ANSWER = 2000;
const MAX_OWN = 300;
const PAST_SHOWN = 10;

const chars = (text: string) => [...text].length;
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Both answers, side by side on wide screens. */
function BothAnswers({ prompt, partner, headingLevel = 3 }: { prompt: DailyPrompt; partner: string; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class="sides answers" data-testid="both-answers">
      <section class="side theirs" aria-label={`${partner}’s answer`}>
        <H class="answer-who">{partner}</H>
        <p class="answer-text">{prompt.partner?.text}</p>
      </section>
      <section class="side mine" aria-label="Your answer">
        <H class="answer-who">You</H>
        <p class="answer-text">{prompt.mine?.text}</p>
      </section>
    </div>
  );
}

function AnswerForm({
  prompt,
  partner,
  onSaved,
  onCancel,
}: {
  prompt: DailyPrompt;
  partner: string;
  onSaved: (p: DailyPrompt) => void;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(prompt.mine?.text ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const t = text.trim();
    if (!t) return setErrors({ answer: 'Please write a few words first — a sentence is plenty.' });
    if (chars(t) > MAX_ANSWER) return setErrors({ answer: `Please keep it to ${MAX_ANSWER} characters — it is ${chars(t)} now.` });
    setErrors({});
    setBusy(true);
    try {
      onSaved(await api.answerPrompt(prompt.prompt.id, t));
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.field === 'text'
          ? { answer: error.detail }
          : { form: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.' },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void submit()} errors={errors}>
      <TextArea
        id="answer"
        label="Your answer"
        hint={
          prompt.partner
            ? `${partner} can see your change at once.`
            : `Only you see it until ${partner} has answered too. Then you both see both answers.`
        }
        rows={4}
        maxLength={MAX_ANSWER + 50}
        value={text}
        onValue={setText}
        error={errors.answer}
      />
      <FormError message={errors.form} />
      <div class="actions">
        <Button busy={busy} busyLabel="Saving…">
          {prompt.mine ? 'Save changes' : 'Save my answer'}
        </Button>
        {onCancel && (
          <Button type="button" variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </Form>
  );
}

function SkipChoices({ prompt, onPrompt }: { prompt: DailyPrompt; onPrompt: (p: DailyPrompt, message: string) => void }) {
  const [busy, setBusy] = useState<'skip' | 'lighter' | null>(null);
  const [error, setError] = useState<string | undefined>();
  async function skip(lighter: boolean) {
    if (busy) return;
    setBusy(lighter ? 'lighter' : 'skip');
    setError(undefined);
    try {
      const next = await api.skipPrompt(lighter);
      onPrompt(next, lighter ? 'Here is a lighter one.' : 'Here is another question for today.');
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div class="skip-choices">
      <p class="muted small">Not the right question today? Either of you can change it while neither has answered.</p>
      <div class="actions">
        <Button type="button" variant="quiet" busy={busy === 'skip'} busyLabel="Finding another…" onClick={() => void skip(false)}>
          Skip
        </Button>
        {prompt.can_go_lighter && (
          <Button type="button" variant="quiet" busy={busy === 'lighter'} busyLabel="Finding a lighter one…" onClick={() => void skip(true)}>
            Something lighter
          </Button>
        )}
      </div>
      <FormError message={error} />
    </div>
  );
}

/** "Waiting for Ben", with a way to look again. */
function Waiting({ partner, onCheck }: { partner: string; onCheck: () => Promise<DailyPrompt | null> }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div class="waiting-block stack-sm">
      <p class="status-line waiting" data-testid="prompt-waiting">
        Waiting for {partner}
      </p>
      <p class="muted small">You will both see both answers as soon as {partner} has answered. No rush.</p>
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        busyLabel="Checking…"
        onClick={async () => {
          setBusy(true);
          const fresh = await onCheck();
          setBusy(false);
          const time = timeOnly.format(new Date());
          if (!fresh) setMessage('We could not check just now. Please try again in a moment.');
          else if (!fresh.partner) setMessage(`Checked at ${time} — ${partner} has not answered yet.`);
        }}
      >
        Check again
      </Button>
      <Notice message={message} />
    </div>
  );
}

function Today({ initial, partner }: { initial: DailyPrompt; partner: string }) {
  const [prompt, setPrompt] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const textRef = useRef<HTMLParagraphElement>(null);

  const check = async () => {
    try {
      const fresh = await api.promptToday();
      setPrompt(fresh);
      return fresh;
    } catch {
      return null;
    }
  };

  // Coming back to the tab is when a partner's answer may have arrived.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void check();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const { mine, partner: theirs, partner_answered: partnerAnswered } = prompt;
  const showForm = !mine || editing;
  return (
    <section class="card warm prompt-card" aria-labelledby="prompt-text" data-testid="today-prompt">
      <p class="eyebrow">
        {fullDayWords(prompt.date)} · {depthWords[prompt.prompt.depth]}
      </p>
      <p class="prompt-text" id="prompt-text" ref={textRef} tabIndex={-1}>
        {prompt.prompt.text}
      </p>
      <Notice message={message} />
      {!mine && partnerAnswered && (
        <p class="status-line done" data-testid="partner-answered">
          {partner} has answered. Answer too, and you will both see both answers.
        </p>
      )}
      {showForm ? (
        <AnswerForm
          prompt={prompt}
          partner={partner}
          onCancel={mine ? () => setEditing(false) : undefined}
          onSaved={(p) => {
            setPrompt(p);
            setEditing(false);
            setMessage(p.partner ? null : 'Saved. Only you can see it for now.');
          }}
        />
      ) : theirs ? (
        <>
          <h2 class="small-heading">Both of your answers</h2>
          <BothAnswers prompt={prompt} partner={partner} />
        </>
      ) : (
        <>
          <h2 class="small-heading">Your answer</h2>
          <p class="quote" data-testid="my-answer">
            {mine?.text}
          </p>
          <Waiting partner={partner} onCheck={check} />
        </>
      )}
      {mine && !editing && (
        <Button type="button" variant="quiet" onClick={() => setEditing(true)}>
          Change my answer
        </Button>
      )}
      {!mine && !partnerAnswered && (
        <SkipChoices
          prompt={prompt}
          onPrompt={(p, words) => {
            setPrompt(p);
            setMessage(words);
            textRef.current?.focus();
          }}
        />
      )}
      <DepthNote count={prompt.answered_by_both} />
    </section>
  );
}

/** How questions deepen: said once, gently, with where the two of you are. */
function DepthNote({ count }: { count: number }) {
  const next = count < 5 ? { at: 5, what: 'more personal questions' } : count < 12 ? { at: 12, what: 'deeper questions' } : null;
  return (
    <p class="muted small depth-note" data-testid="depth-note">
      {count === 0 ? 'Questions start light.' : `You have answered ${count === 1 ? 'one question' : `${count} questions`} together.`}{' '}
      {next
        ? `After ${next.at} answered together, ${next.what} come in — slowly, and you can always ask for something lighter.`
        : 'Every depth is open to you now, and you can always ask for something lighter.'}
    </p>
  );
}

function OwnQuestion() {
  const [text, setText] = useState('');
  const [depth, setDepth] = useState<Depth>('light');
  const [theme, setTheme] = useState('everyday');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function submit() {
    if (busy) return;
    setAdded(null);
    const t = text.trim();
    if (!t) return setErrors({ 'own-text': 'Please write the question first.' });
    if (chars(t) > MAX_OWN) return setErrors({ 'own-text': `Please keep it to ${MAX_OWN} characters — it is ${chars(t)} now.` });
    setErrors({});
    setBusy(true);
    try {
      await api.addPrompt(t, depth, theme);
      setText('');
      setAdded('Added. It joins the questions Hearth picks from, and one day it will be today’s.');
    } catch (error) {
      if (error instanceof ApiError && error.field === 'text') setErrors({ 'own-text': error.detail });
      else setErrors({ form: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card labelledBy="own-title">
      <h2 id="own-title">Add your own question</h2>
      <p class="muted small">Something you have always wanted to ask each other. You both get it, on a day of its own.</p>
      <Form onSubmit={() => void submit()} errors={errors} label="Add your own question">
        <TextArea
          id="own-text"
          label="The question"
          rows={2}
          maxLength={MAX_OWN + 20}
          value={text}
          onValue={(v) => {
            setText(v);
            setAdded(null);
          }}
          error={errors['own-text']}
        />
        <fieldset class="share-choice">
          <legend>How deep is it?</legend>
          <div class="choices">
            {(Object.keys(depthWords) as Depth[]).map((d) => (
              <label class="choice" key={d}>
                <input type="radio" name="own-depth" checked={depth === d} onChange={() => setDepth(d)} />
                <span>
                  <strong>{depthWords[d]}</strong> <span class="muted small">— {depthHints[d]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="own-theme">About</label>
          <select id="own-theme" value={theme} onChange={(event) => setTheme(event.currentTarget.value)}>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <FormError message={errors.form} />
        <Button busy={busy} busyLabel="Adding…" variant="secondary">
          Add question
        </Button>
        <Notice message={added} />
      </Form>
    </Card>
  );
}

function PastItem({ p, today, partner }: { p: DailyPrompt; today: string; partner: string }) {
  let answers;
  if (p.mine && p.partner) answers = <BothAnswers prompt={p} partner={partner} headingLevel={4} />;
  else if (p.mine) {
    answers = (
      <>
        <p class="quote">{p.mine.text}</p>
        <p class="muted small">Only you answered this one.</p>
      </>
    );
  } else if (p.partner_answered) {
    answers = <p class="muted small">{partner} answered this one. Answers show once you have both replied.</p>;
  } else answers = <p class="muted small">Neither of you answered this one — that is fine.</p>;
  return (
    <li class="past-prompt">
      <p class="past-when">{dayWords(p.date, today).replace(/^./, (c) => c.toUpperCase())}</p>
      <h3 class="past-text">{p.prompt.text}</h3>
      {answers}
    </li>
  );
}

function Past({ today, partner }: { today: string; partner: string }) {
  const [load, reload] = useLoad(() => api.pastPrompts(), []);
  const [all, setAll] = useState(false);
  let body;
  if (load.state === 'loading') body = <Loading label="Loading past questions…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const past = load.data.prompts.filter((p) => p.date < today);
    body =
      past.length === 0 ? (
        <p class="muted" data-testid="no-past">
          Past questions and both your answers will gather here.
        </p>
      ) : (
        <>
          <ul class="past-prompts">
            {(all ? past : past.slice(0, PAST_SHOWN)).map((p) => (
              <PastItem key={`${p.date}-${p.prompt.id}`} p={p} today={today} partner={partner} />
            ))}
          </ul>
          {!all && past.length > PAST_SHOWN && (
            <Button type="button" variant="quiet" onClick={() => setAll(true)}>
              Show all {past.length}
            </Button>
          )}
        </>
      );
  }
  return (
    <section aria-labelledby="past-title" class="stack-sm">
      <h2 id="past-title">Earlier questions</h2>
      {body}
    </section>
  );
}

export function Prompts() {
  const { me, refresh } = useSession();
  const couple = me.couple;
  const partner = couple?.status === 'paired' ? (partnerOf(couple)?.display_name ?? null) : null;
  const [load, reload] = useLoad(() => (partner ? api.promptToday() : Promise.resolve(null)), [partner]);
  const gone = load.state === 'failed' && load.error?.type === 'not-in-couple';
  // A partner may have joined or left since the app opened: ask, and again when the server says so.
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (gone) void refresh();
  }, [gone]);

  let body;
  if (!partner || gone) {
    body = <NeedsCouple
        couple={gone ? null : couple}
        then="you each get the same question every day, answer it on your own, and see both answers once you have both replied."
      />;
  } else if (load.state === 'loading') body = <Loading label="Finding today’s question…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else if (load.data) {
    body = (
      <>
        <Today key={load.data.prompt.id} initial={load.data} partner={partner} />
        <OwnQuestion />
        <Past today={load.data.date} partner={partner} />
      </>
    );
  }

  return (
    <div class="stack prompts">
      <TogetherNav current="prompts" />
      <div>
        <PageTitle title="Today’s question">Today’s question</PageTitle>
        <p class="lede">
          {partner
            ? `Answer on your own, in your own words. You and ${partner} see both answers once you have both replied.`
            : 'Answer on your own, in your own words; you both see both answers once you have both replied.'}
        </p>
      </div>
      {body}
    </div>
  );
}
