// The week in my own calendar (#/plan/calendar): a secret feed link to subscribe to (shown once, when it
// is made), a new link or none at all, and a one-off download. Titles in the feed are neutral, so a lock
// screen or a shared calendar shows nothing personal.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, planIcsUrl } from '../api';
import { Button, Card, FormError, Loading, Notice, PageTitle, copyText } from '../components';
import { formatDate } from '../format';
import { href } from '../router';
import { useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import type { CalendarState } from '../plan/types';

/**
 * The link made in this tab, if any. The server shows a link only once; it stays here until the tab
 * closes so that going back and forth does not lose it (never in storage: it is a secret).
 */
let madeHere: { path: string; createdAt: string | null } | null = null;

function LinkShown({ path }: { path: string }) {
  const url = `${location.origin}${path}`;
  const webcal = url.replace(/^https?:/, 'webcal:');
  const urlRef = useRef<HTMLParagraphElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div class="calendar-link stack-sm">
      <p class="invite-label">
        Your private calendar link
      </p>
      <p class="calendar-url" ref={urlRef} data-testid="calendar-url">
        {url}
      </p>
      <div class="actions">
        <Button
          type="button"
          variant="primary"
          onClick={async () => {
            const ok = await copyText(url, urlRef.current);
            setCopied(
              ok
                ? 'Link copied. Paste it into your calendar app as a subscription (“from URL”).'
                : 'The link is selected — copy it from there.',
            );
          }}
        >
          Copy link
        </Button>
        <a class="button secondary" href={webcal} data-testid="webcal-link">
          Open in my calendar app
        </a>
      </div>
      <Notice message={copied} />
      <details class="disclosure">
        <summary>How to add it</summary>
        <ul class="how-to">
          <li>
            <strong>iPhone or iPad:</strong> tap “Open in my calendar app” and choose Subscribe. Or paste the link under
            Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.
          </li>
          <li>
            <strong>Google Calendar:</strong> on a computer, next to “Other calendars” choose + → From URL, and paste the
            link. It then shows on your phone too.
          </li>
          <li>
            <strong>Outlook:</strong> Add calendar → Subscribe from web, and paste the link.
          </li>
        </ul>
        <p class="muted small">Calendar apps look for changes every few hours, so a new plan can take a while to show.</p>
      </details>
      <p class="muted small">
        Anyone with this link can see when your moments are — not what they are. Keep it to yourself; if it gets out, get
        a new link below.
      </p>
    </div>
  );
}

function Feed({ initial }: { initial: CalendarState }) {
  const [state, setState] = useState(initial);
  // Still the link on the server? (Another device may have made a newer one.)
  const [link, setLink] = useState(initial.active && madeHere?.createdAt === initial.created_at ? madeHere : null);
  const [busy, setBusy] = useState<'make' | 'off' | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  async function make() {
    if (busy) return;
    setBusy('make');
    setError(undefined);
    setMessage(null);
    try {
      const { path } = await api.newCalendarLink();
      // When it was made, as the server says: that tells later whether this link is still the one.
      const now = await api.calendar().catch(() => ({ active: true, created_at: null }));
      madeHere = { path, createdAt: now.created_at };
      setLink(madeHere);
      setState({ active: true, created_at: now.created_at });
      setMessage(state.active ? 'Here is your new link. The old one has stopped working.' : null);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
    } finally {
      setBusy(null);
    }
  }

  async function turnOff() {
    if (busy) return;
    setBusy('off');
    setError(undefined);
    try {
      await api.turnOffCalendar();
      madeHere = null;
      setLink(null);
      setState({ active: false, created_at: null });
      setMessage('Turned off. The link no longer works; your calendar app will stop showing the plan.');
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card labelledBy="feed-title" tone="warm">
      <h2 id="feed-title">Subscribe in your calendar</h2>
      {link ? (
        <LinkShown path={link.path} />
      ) : state.active ? (
        <p data-testid="calendar-on">
          Your calendar link is on{state.created_at ? ` since ${formatDate(state.created_at)}` : ''}. For your privacy
          Hearth shows a link only once, when it is made. To see one again, get a new link — the old one then stops
          working, so you would subscribe again.
        </p>
      ) : (
        <p>
          One private link for you. Your calendar app checks it now and then, so the plan — and your promises’ due days —
          stay up to date without opening Hearth. Each reminder comes half an hour before. Past weeks stay in your
          calendar, and the coming week shows up as soon as it is planned.
        </p>
      )}
      <Notice message={message} />
      <FormError message={error} />
      {state.active ? (
        <div class="stack-sm calendar-manage">
          <div class="actions">
            <Button type="button" variant="secondary" busy={busy === 'make'} busyLabel="Making a new link…" onClick={() => void make()}>
              Get a new link
            </Button>
            <Button type="button" variant="quiet" busy={busy === 'off'} busyLabel="Turning off…" onClick={() => void turnOff()}>
              Turn off
            </Button>
          </div>
          <p class="muted small">A new link or turning off stops the old link at once.</p>
        </div>
      ) : (
        <Button type="button" busy={busy === 'make'} busyLabel="Making your link…" onClick={() => void make()}>
          Add to my calendar
        </Button>
      )}
    </Card>
  );
}

export function CalendarScreen() {
  const { me } = useSession();
  const [load, reload] = useLoad(() => api.calendar(), []);

  let body;
  if (load.state === 'loading') body = <Loading label="Looking at your calendar link…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else body = <Feed initial={load.data} />;

  return (
    <div class="stack">
      <div>
        <a class="back-link" href={href('plan')}>
          <span aria-hidden="true">←</span> This week
        </a>
        <PageTitle title="Calendar">In your own calendar</PageTitle>
        <p class="lede">Let the week’s moments show up in the calendar you already use, with a gentle reminder.</p>
      </div>
      <Card labelledBy="neutral-title" tone="calm">
        <h2 id="neutral-title">Private on a lock screen</h2>
        <p data-testid="neutral-titles">
          Titles stay neutral — like “Catch-up”, “Quiet evening” or “Reminder” — so nothing personal shows on a lock
          screen or in a shared calendar. What each moment is stays in Hearth.
        </p>
        {!me.couple && (
          <p class="muted small">
            The calendar carries the plan you share with a partner: until your partner joins, it stays empty.
          </p>
        )}
      </Card>
      {body}
      <section class="card" aria-labelledby="download-title">
        <h2 id="download-title">Just this week</h2>
        <p class="muted">A one-off copy of this week to import. It does not change when the plan does.</p>
        <a class="button quiet" href={planIcsUrl} download="hearth-week.ics">
          Download this week (.ics)
        </a>
      </section>
    </div>
  );
}
