// Promises (#/promises): small, concrete things one of us says they will do, with a day. When the day
// comes, either asks "Was it kept?" — Kept, or Not this time. How each of us has done lately is said in
// kind words, side by side in a fixed order: never a percentage, a colour of failure or a ranking.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, Card, Form, FormError, Loading, Notice, PageTitle, TextArea, type Errors } from '../components';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { dayWords, daysBetween, weekdayName } from '../insights/days';
import { DueField, MAX_PROMISE_TEXT, NeedsCouple, TogetherNav, promiseErrors } from '../plan/parts';
import type { Promise_, Promises as Data, Reliability } from '../plan/types';
import { reliabilityWords } from '../plan/words';

const EARLIER_SHOWN = 8;

/** "today", "tomorrow", "on Saturday" this coming week, else "on 3 Dec"; past days as dayWords has them. */
function dueWords(due: string, today: string): string {
  const d = daysBetween(today, due);
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d > 1 && d < 7) return `on ${weekdayName(due)}`;
  if (d < 0) return dayWords(due, today);
  return `on ${dayWords(due, today)}`;
}

const whose = (p: Promise_, partner: string) => (p.is_mine ? 'You promised' : `${partner} promised`);

function Resolve({
  promise,
  partner,
  today,
  onResolved,
}: {
  promise: Promise_;
  partner: string;
  today: string;
  onResolved: (p: Promise_, message: string) => void;
}) {
  const [busy, setBusy] = useState<'kept' | 'missed' | null>(null);
  const [error, setError] = useState<string | undefined>();
  async function mark(status: 'kept' | 'missed') {
    if (busy) return;
    setBusy(status);
    setError(undefined);
    try {
      const p = await api.resolvePromise(promise.id, status);
      onResolved(
        p,
        status === 'kept'
          ? promise.is_mine
            ? 'Marked as kept. Well done.'
            : `Marked as kept. It may mean a lot to ${partner} that you noticed.`
          : 'Marked as not this time. It happens — a new small promise is a fresh start.',
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
      setBusy(null);
    }
  }
  const id = `promise-${promise.id}`;
  return (
    <li class="promise due" data-testid="promise-due">
      <section aria-labelledby={`${id}-text`}>
        <p class="promise-text" id={`${id}-text`}>
          {promise.text}
        </p>
        <p class="promise-meta">
          {whose(promise, partner)} · due {dueWords(promise.due, today)}
        </p>
        <p class="promise-question" id={`${id}-question`}>
          Was it kept?
        </p>
        <div class="promise-actions" role="group" aria-labelledby={`${id}-question ${id}-text`}>
          <Button type="button" variant="secondary" busy={busy === 'kept'} busyLabel="Saving…" onClick={() => void mark('kept')}>
            Kept
          </Button>
          <Button type="button" variant="quiet" busy={busy === 'missed'} busyLabel="Saving…" onClick={() => void mark('missed')}>
            Not this time
          </Button>
        </div>
        <FormError message={error} />
      </section>
    </li>
  );
}

function OnTheGo({
  promise,
  partner,
  today,
  onResolved,
}: {
  promise: Promise_;
  partner: string;
  today: string;
  onResolved: (p: Promise_, message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <li class="promise" data-testid="promise-open">
      <p class="promise-text">{promise.text}</p>
      <p class="promise-meta">
        {whose(promise, partner)} · by {dueWords(promise.due, today).replace(/^on /, '')}
      </p>
      <Button
        type="button"
        variant="quiet"
        busy={busy}
        busyLabel="Saving…"
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          setError(undefined);
          try {
            onResolved(await api.resolvePromise(promise.id, 'kept'), 'Marked as kept, early. Lovely.');
          } catch (e) {
            setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
            setBusy(false);
          }
        }}
      >
        Already kept<span class="visually-hidden">: {promise.text}</span>
      </Button>
      <FormError message={error} />
    </li>
  );
}

function MakePromise({ today, partner, onMade }: { today: string; partner: string; onMade: (p: Promise_) => void }) {
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<string | null>(null);

  async function submit() {
    if (busy) return;
    setMade(null);
    const t = text.trim();
    const found = promiseErrors(text, due, today, { text: 'promise-text', due: 'promise-due' });
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      const p = await api.makePromise(t, due);
      onMade(p);
      setText('');
      setDue('');
      setMade(`Promised. ${partner} can see it, and either of you can mark it kept.`);
    } catch (error) {
      if (error instanceof ApiError && error.field === 'text') setErrors({ 'promise-text': error.detail });
      else if (error instanceof ApiError && error.field === 'due') setErrors({ 'promise-due': error.detail });
      else setErrors({ form: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card labelledBy="make-title">
      <h2 id="make-title">Make a promise</h2>
      <Form onSubmit={() => void submit()} errors={errors} label="Make a promise">
        <TextArea
          id="promise-text"
          label="What will you do?"
          hint={`Small and concrete, something ${partner} would notice: “I’ll cook on Thursday”, “I’ll put my phone away at dinner”.`}
          rows={2}
          maxLength={MAX_PROMISE_TEXT + 20}
          value={text}
          onValue={(v) => {
            setText(v);
            setMade(null);
          }}
          error={errors['promise-text']}
        />
        <DueField id="promise-due" today={today} value={due} onValue={setDue} error={errors['promise-due']} />
        <FormError message={errors.form} />
        <Button busy={busy} busyLabel="Saving…">
          Make this promise
        </Button>
        <Notice message={made} />
      </Form>
    </Card>
  );
}

const monthShort = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' });
const monthLong = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
const monthDate = (month: string) => new Date(`${month}-15T12:00:00Z`);

/** "2 kept, 1 not this time"; "none" for a month with neither. */
function monthWords(m: Reliability['months'][number]): string {
  const words = [m.kept > 0 && `${m.kept} kept`, m.missed > 0 && `${m.missed} not this time`].filter(Boolean);
  return words.length > 0 ? words.join(', ') : 'none';
}

/** Six months side by side: kept ones as filled dots, "not this time" as quiet rings. Nothing without either. */
function Months({ months }: { months: Reliability['months'] }) {
  if (!months.some((m) => m.kept + m.missed > 0)) return null;
  return (
    <>
      <div class="reliability-months" aria-hidden="true">
        {months.map((m) => (
          <div key={m.month} class="reliability-month">
            <span class="month-dots">
              {Array.from({ length: m.kept }, (_, i) => (
                <span key={`kept-${i}`} class="month-dot kept" />
              ))}
              {Array.from({ length: m.missed }, (_, i) => (
                <span key={`missed-${i}`} class="month-dot missed" />
              ))}
            </span>
            <span class="month-name">{monthShort.format(monthDate(m.month))}</span>
          </div>
        ))}
      </div>
      <ul class="visually-hidden" aria-label="Month by month" data-testid="reliability-months">
        {months.map((m) => (
          <li key={m.month}>
            {monthLong.format(monthDate(m.month))}: {monthWords(m)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Each of us, lately, in kind words. The same order every time: me first. */
function Lately({ data, partner }: { data: Data; partner: string }) {
  const people = [...data.reliability].sort((a, b) => Number(b.is_me) - Number(a.is_me));
  const anything = people.some((r) => r.kept + r.missed + r.open > 0);
  return (
    <Card labelledBy="lately-title" tone="calm">
      <h2 id="lately-title">Lately</h2>
      {anything ? (
        <>
          <ul class="partners reliability" data-testid="reliability">
            {people.map((r) => (
              <li key={r.id}>
                <span class="avatar" aria-hidden="true">
                  {[...r.display_name][0]?.toUpperCase()}
                </span>
                <div class="reliability-who">
                  <strong>{r.is_me ? 'You' : r.display_name}</strong>
                  <br />
                  <span class="reliability-words">{reliabilityWords(r)}</span>
                  <Months months={r.months} />
                </div>
              </li>
            ))}
          </ul>
          <p class="muted small">
            Over the last 90 days. Each kept promise adds a little trust; one that slips is just a chance to try again — no
            one is keeping score.
          </p>
        </>
      ) : (
        <p class="muted">
          Nothing yet. When you and {partner} start making small promises, you will see here how they have gone lately.
        </p>
      )}
    </Card>
  );
}

function Earlier({ list, today, partner }: { list: Promise_[]; today: string; partner: string }) {
  const [all, setAll] = useState(false);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="earlier-title" class="stack-sm">
      <h2 id="earlier-title">Earlier</h2>
      <ul class="promise-list earlier">
        {(all ? list : list.slice(0, EARLIER_SHOWN)).map((p) => (
          <li key={p.id} class="promise">
            <p class="promise-text">{p.text}</p>
            <p class="promise-meta">
              {whose(p, partner)} · due {dueWords(p.due, today).replace(/^on /, '')}{' '}
              <span class={`promise-status ${p.status}`}>{p.status === 'kept' ? 'Kept' : 'Not this time'}</span>
            </p>
          </li>
        ))}
      </ul>
      {!all && list.length > EARLIER_SHOWN && (
        <Button type="button" variant="quiet" onClick={() => setAll(true)}>
          Show all {list.length}
        </Button>
      )}
    </section>
  );
}

function PromiseLists({ initial, partner }: { initial: Data; partner: string }) {
  const [data, setData] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);

  /** The lists again from the server (reliability included); the change itself is already shown. */
  const refreshed = (p: Promise_) => {
    setData((d) => ({ ...d, promises: d.promises.some((x) => x.id === p.id) ? d.promises.map((x) => (x.id === p.id ? p : x)) : [...d.promises, p] }));
    api.promises().then(setData, () => {
      /* keep what we have: the change is shown already */
    });
  };
  const resolved = (p: Promise_, words: string) => {
    setMessage(words);
    refreshed(p);
  };

  const { today } = data;
  const byDue = (a: Promise_, b: Promise_) => a.due.localeCompare(b.due) || a.created_at.localeCompare(b.created_at);
  const dueNow = data.promises.filter((p) => p.status === 'open' && p.due_now).sort(byDue);
  const open = data.promises.filter((p) => p.status === 'open' && !p.due_now).sort(byDue);
  const earlier = data.promises
    .filter((p) => p.status !== 'open')
    .sort((a, b) => (b.resolved_at ?? '').localeCompare(a.resolved_at ?? ''));

  return (
    <>
      <Notice message={message} />
      {dueNow.length > 0 && (
        <section class="card warm" aria-labelledby="due-title">
          <h2 id="due-title">Their day has come</h2>
          <p class="muted small">Was each one kept? Either of you can say. Be honest and kind — both answers are fine.</p>
          <ul class="promise-list">
            {dueNow.map((p) => (
              <Resolve key={p.id} promise={p} partner={partner} today={today} onResolved={resolved} />
            ))}
          </ul>
        </section>
      )}
      <MakePromise today={today} partner={partner} onMade={(p) => refreshed(p)} />
      <section aria-labelledby="open-title" class="stack-sm">
        <h2 id="open-title">On the go</h2>
        {open.length === 0 ? (
          <p class="muted" data-testid="none-open">
            {dueNow.length > 0 ? 'Nothing else for now.' : 'No open promises right now.'}
          </p>
        ) : (
          <ul class="promise-list">
            {open.map((p) => (
              <OnTheGo key={p.id} promise={p} partner={partner} today={today} onResolved={resolved} />
            ))}
          </ul>
        )}
      </section>
      <Lately data={data} partner={partner} />
      <Earlier list={earlier} today={today} partner={partner} />
    </>
  );
}

export function PromisesScreen() {
  const { me, refresh } = useSession();
  const couple = me.couple;
  const partner = couple?.status === 'paired' ? (partnerOf(couple)?.display_name ?? null) : null;
  const [load, reload] = useLoad(() => (partner ? api.promises() : Promise.resolve(null)), [partner]);
  const gone = load.state === 'failed' && load.error?.type === 'not-in-couple';
  // A partner may have joined or left since the app opened: ask, and again when the server says so.
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (gone) void refresh();
  }, [gone]);

  let body;
  if (!partner || gone) body = (
    <NeedsCouple
      couple={gone ? null : couple}
      then="you can make each other small promises with a day, and mark together whether they were kept."
    />
  );
  else if (load.state === 'loading') body = <Loading label="Loading your promises…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else if (load.data) body = <PromiseLists initial={load.data} partner={partner} />;

  return (
    <div class="stack promises">
      <TogetherNav current="promises" />
      <div>
        <PageTitle title="Promises">Promises</PageTitle>
        <p class="lede">
          Small things you say you will do for each other, with a day. Kept promises build trust, one at a time.
        </p>
      </div>
      {body}
    </div>
  );
}
