import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { formatDate, formatDateTime, fromNow } from '../format';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import type { InstrumentSummary } from '../assessments/types';
import { browserZone, daysBetween, fullDayWords, localToday, weekdayName } from '../insights/days';
import { AppreciationList, RhythmDots } from '../insights/parts';
import type { Insights } from '../insights/types';
import type { DailyPrompt, Session } from '../plan/types';
import { clockWords, sessionHere } from '../plan/words';

// The seven steps of the roadmap, described as an orientation: where Hearth will take you, in order.
const path: { title: string; text: string; link?: { href: string; label: string } }[] = [
  {
    title: 'See where you stand',
    text: 'A few quiet questions, answered on your own, show where you already feel close and where you have drifted.',
    link: { href: href('checkups'), label: 'Go to your check-ups' },
  },
  {
    title: 'Understand why',
    text: 'Busy weeks, old arguments or earlier hurts: find what is really pulling you apart.',
    link: { href: href('checkups', 'causes'), label: 'See why you may drift' },
  },
  {
    title: 'Practise what helps',
    text: 'Small, regular habits — time together, real listening, promises kept — that bring you back towards each other.',
    link: { href: href('plan'), label: 'See this week’s plan' },
  },
  {
    title: 'Handle conflict well',
    text: 'Disagreements can become a way to understand each other rather than a wall between you.',
  },
  {
    title: 'Look after yourself',
    text: 'You have more to give when you are rested, supported and doing things you enjoy.',
  },
  {
    title: 'Watch the positive cycle grow',
    text: 'Closeness and affection feed each other. Notice how good days make more good days.',
    link: { href: href('insights', 'cycle'), label: 'See your positive cycle' },
  },
  {
    title: 'Get help when it is needed',
    text: 'Sometimes a counsellor or therapist is the right next step. Reaching out is an act of care, not a failure.',
  },
];

function greeting(now = new Date()): string {
  const hour = now.getHours();
  if (hour < 5) return 'Hello';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

function CoupleStatus() {
  const { me } = useSession();
  const couple = me.couple;
  const partner = partnerOf(couple);

  if (couple?.status === 'paired' && partner) {
    const since = couple.partners.reduce((latest, p) => (p.joined_at > latest ? p.joined_at : latest), couple.created_at);
    return (
      <Card labelledBy="status-title" tone="calm">
        <p class="eyebrow">Your couple</p>
        <h2 id="status-title">You and {partner.display_name} are connected</h2>
        <p>
          Together on Hearth since {formatDate(since)}. Each of you has your own private space here; you choose what to
          share.
        </p>
        <a class="button secondary" href={href('couple')}>
          See your couple
        </a>
      </Card>
    );
  }

  if (couple?.status === 'waiting') {
    return (
      <Card labelledBy="status-title" tone="warm">
        <p class="eyebrow">Your couple</p>
        <h2 id="status-title">Waiting for your partner</h2>
        {couple.invite ? (
          <p>
            An invite is open until {formatDateTime(couple.invite.expires_at)} ({fromNow(couple.invite.expires_at)}).
            When your partner joins with the code, you will see them here.
          </p>
        ) : (
          <p>There is no open invite right now. You can make a new code whenever it feels right.</p>
        )}
        <a class="button secondary" href={href('couple')}>
          {couple.invite ? 'See your invite' : 'Make a new code'}
        </a>
      </Card>
    );
  }

  return (
    <Card labelledBy="status-title" tone="warm">
      <p class="eyebrow">Your couple</p>
      <h2 id="status-title">Just you, for now</h2>
      <p>
        Hearth works for you alone too. If and when it feels right, you can invite your partner to join you — there is
        no rush.
      </p>
      <a class="button secondary" href={href('couple')}>
        Invite your partner
      </a>
    </Card>
  );
}

type Today = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; data: Insights };

/**
 * The first action of the day: today's check-in, and this week's rhythm once there is one. Without the
 * insights (a failed request) it still offers the check-in.
 */
function TodayCheckin({ today }: { today: Today }) {
  const data = today.state === 'ready' ? today.data : null;
  const rhythm = data?.rhythm;
  const done = rhythm?.week.some((d) => d.date === rhythm.today && d.checked_in) ?? false;
  return (
    <Card labelledBy="today-title" tone="warm">
      <p class="eyebrow">{rhythm ? `Today · ${fullDayWords(rhythm.today)}` : 'Today'}</p>
      {today.state === 'loading' ? (
        <>
          <h2 id="today-title">How was today?</h2>
          <Loading label="Looking at today…" />
        </>
      ) : done ? (
        <>
          <h2 id="today-title" data-testid="checked-in-today">
            Checked in today
          </h2>
          <p>Thank you for taking a minute. You can change your answers until the day ends.</p>
        </>
      ) : (
        <>
          <h2 id="today-title">How was today?</h2>
          <p>A minute to notice how close you felt. You choose what is shared.</p>
        </>
      )}
      {rhythm && (rhythm.count > 0 || rhythm.total > 0) && <RhythmDots rhythm={rhythm} />}
      {today.state !== 'loading' && (
        <div class="actions">
          <a class={`button ${done ? 'secondary' : 'primary'}`} href={href('checkin')}>
            {done ? 'Edit today’s check-in' : 'Check in'}
          </a>
          {rhythm && rhythm.total > 0 && (
            <a class="button quiet" href={href('insights')}>
              See your insights
            </a>
          )}
        </div>
      )}
    </Card>
  );
}

/** What the partner chose to share with me in the last days, newest first. */
function FromPartner({ data }: { data: Insights }) {
  const partner = data.partner?.display_name;
  const lines = data.appreciations.filter((a) => a.from === 'partner');
  if (!partner || lines.length === 0) return null;
  return (
    <Card labelledBy="from-partner-title" tone="calm">
      <p class="eyebrow">Shared with you</p>
      <h2 id="from-partner-title">From {partner}</h2>
      <AppreciationList items={lines.slice(0, 3)} today={data.today} partner={partner} />
    </Card>
  );
}

/**
 * The first check-up (Signs of distance), while it has never been finished. Shows nothing while
 * loading or when the list cannot be had: Home works without it.
 */
function FirstCheckup() {
  const [first, setFirst] = useState<InstrumentSummary | null>(null);
  useEffect(() => {
    let live = true;
    api.instruments().then(
      ({ instruments }) => {
        const sorted = [...instruments].sort((a, b) => a.order - b.order);
        const candidate = sorted[0];
        if (live && candidate && candidate.status.attempts === 0) setFirst(candidate);
      },
      () => {
        /* no check-ups on this server: no call to action */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (!first) return null;
  const started = first.status.state === 'in_progress';
  return (
    <Card labelledBy="first-checkup-title" tone="warm">
      <p class="eyebrow">A first step</p>
      <h2 id="first-checkup-title">{first.title}</h2>
      <p>
        {first.purpose} About {first.minutes === 1 ? 'a minute' : `${first.minutes} minutes`}, answered privately.
      </p>
      {started && (
        <p class="muted small">
          You have answered {first.status.answered} of {first.status.total}. Your answers are saved.
        </p>
      )}
      <a class="button primary" href={href('checkups', `${first.id}/take`)}>
        {started ? `Continue ${first.title}` : `Start ${first.title}`}
      </a>
    </Card>
  );
}

/** Today's question, for a couple: where each of us is with it, and the way to answer. */
function TodayQuestion({ partner }: { partner: string }) {
  const [prompt, setPrompt] = useState<DailyPrompt | null>(null);
  useEffect(() => {
    let live = true;
    api.promptToday().then(
      (p) => live && setPrompt(p),
      () => {
        /* Home works without it */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (!prompt) return null;
  const { mine, partner: theirs, partner_answered: partnerAnswered } = prompt;
  const status = theirs
    ? 'You have both answered.'
    : mine
      ? `Waiting for ${partner}.`
      : partnerAnswered
        ? `${partner} has answered. Answer too, and you will both see both answers.`
        : 'Each of you answers on your own; you see both answers once you have both replied.';
  return (
    <Card labelledBy="question-title">
      <p class="eyebrow">Today’s question</p>
      <h2 id="question-title" class="prompt-text">
        {prompt.prompt.text}
      </h2>
      <p class="muted" data-testid="home-question-status">
        {status}
      </p>
      <a class="button secondary" href={href('prompts')}>
        {theirs ? 'See both answers' : mine ? 'See your answer' : 'Answer'}
      </a>
    </Card>
  );
}

/** The next moment in this week's plan, if there is one still to come. */
function NextTogether() {
  const [next, setNext] = useState<{ session: Session; today: string } | null>(null);
  useEffect(() => {
    let live = true;
    api.plan().then(
      (plan) => {
        const zone = browserZone();
        const today = localToday(zone);
        // The first one not done that has not ended yet.
        const now = Date.now();
        const session = plan.sessions.find(
          (s) => !s.done && s.practice && new Date(s.starts_at).getTime() + s.minutes * 60000 > now,
        );
        if (live && session) setNext({ session, today });
      },
      () => {
        /* Home works without it */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (!next) return null;
  const { session, today } = next;
  const here = sessionHere(session, browserZone());
  const away = daysBetween(today, here.date);
  const day = away === 0 ? 'Today' : away === 1 ? 'Tomorrow' : weekdayName(here.date);
  return (
    <Card labelledBy="next-title" tone="calm">
      <p class="eyebrow">This week</p>
      <h2 id="next-title">{session.practice!.title}</h2>
      <p>
        {day} at {clockWords(here.start)} · {session.minutes} min. <span class="muted">{session.reason}</span>
      </p>
      <a class="button secondary" href={href('plan')}>
        See this week
      </a>
    </Card>
  );
}

export function Home() {
  const { me, refresh } = useSession();
  const partner = me.couple?.status === 'paired' ? (partnerOf(me.couple)?.display_name ?? null) : null;
  const [today, setToday] = useState<Today>({ state: 'loading' });
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    let live = true;
    api.insights(7, browserZone()).then(
      (data) => live && setToday({ state: 'ready', data }),
      () => live && setToday({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div class="stack">
      <div>
        <PageTitle title="Home">
          {greeting()}, {me.user.display_name}
        </PageTitle>
        <p class="lede">Take your time. Nothing here keeps score.</p>
      </div>
      <TodayCheckin today={today} />
      {today.state === 'ready' && <FromPartner data={today.data} />}
      {partner && <TodayQuestion partner={partner} />}
      <NextTogether />
      <FirstCheckup />
      <CoupleStatus />
      <section aria-labelledby="path-title" class="path-section">
        <h2 id="path-title">Your path</h2>
        <p class="muted">
          Hearth is built around seven steps, in an order that tends to help. There is no race and no finish line; go at whatever pace suits you.
        </p>
        <ol class="path">
          {path.map((step) => (
            <li key={step.title}>
              <h3>{step.title}</h3>
              <p>{step.text}</p>
              {step.link && (
                <a class="path-link" href={step.link.href}>
                  {step.link.label} <span aria-hidden="true">→</span>
                </a>
              )}
            </li>
          ))}
        </ol>
        <a class="path-link" href={href('journey')}>
          Look back at your journey so far <span aria-hidden="true">→</span>
        </a>
      </section>
    </div>
  );
}
