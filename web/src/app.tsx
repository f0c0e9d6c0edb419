// The app shell: loads who is signed in, picks the screen for the route, and draws header and nav.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, onUnauthorized, type Invite, type Me } from './api';
import { Button, Loading, Logo } from './components';
import { currentRoute, href, navigate, publicRoutes, useRoute, useSubpath, type Route } from './router';
import { SessionContext, type Session } from './session';
import { LogIn } from './screens/LogIn';
import { SignUp } from './screens/SignUp';
import { Home } from './screens/Home';
import { CoupleScreen } from './screens/Couple';
import { Settings } from './screens/Settings';
import { Conflicts } from './screens/Conflicts';
import { ConflictScreen } from './screens/Conflict';
import { Patterns } from './screens/Patterns';
import { Checkups } from './screens/Checkups';
import { TakeCheckup } from './screens/TakeCheckup';
import { CheckupResults } from './screens/CheckupResults';
import { CoupleReport } from './screens/CoupleReport';
import { Causes } from './screens/Causes';
import { CheckIn } from './screens/CheckIn';
import { Insights } from './screens/Insights';
import { Cycle } from './screens/Cycle';
import { Journey } from './screens/Journey';
import { PlanScreen } from './screens/Plan';
import { FreeTimes } from './screens/FreeTimes';
import { CalendarScreen } from './screens/Calendar';
import { PracticeLibrary, PracticeScreen } from './screens/Practices';
import { Prompts } from './screens/Prompts';
import { PromisesScreen } from './screens/Promises';

// A hint (no secret: the session cookie is HttpOnly) that this browser was signed in. Without it we skip asking
// the server who we are, so a first visit shows the log-in screen without a 401 round trip.
const signedInHint = {
  key: 'hearth.signed-in',
  get(): boolean {
    try {
      return localStorage.getItem(this.key) === '1';
    } catch {
      return true; // storage unavailable: ask the server
    }
  },
  set(on: boolean): void {
    try {
      if (on) localStorage.setItem(this.key, '1');
      else localStorage.removeItem(this.key);
    } catch {
      /* storage unavailable: nothing to remember */
    }
  },
};

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready' };

interface NavItem {
  route: Route;
  label: string;
  icon: string;
  /** Other routes that belong under this tab (the check-in under Home, the journey under Insights, …). */
  also?: Route[];
}

// Five tabs at the bottom of a phone (more would not fit a thumb); Settings sits in the header.
const navItems: NavItem[] = [
  {
    route: 'home',
    label: 'Home',
    icon: 'M4 11.5 12 5l8 6.5V20a1 1 0 0 1-1 1h-4.5v-5.5h-5V21H5a1 1 0 0 1-1-1z',
    also: ['checkin'],
  },
  {
    route: 'checkups',
    label: 'Check-ups',
    icon: 'M8.5 5H7a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 7 21h10a1.5 1.5 0 0 0 1.5-1.5v-13A1.5 1.5 0 0 0 17 5h-1.5M9.5 3.5h5a1 1 0 0 1 1 1v1a1 1 0 0 1-1 1h-5a1 1 0 0 1-1-1v-1a1 1 0 0 1 1-1zM9 13.5l2 2 4-4.5',
  },
  {
    route: 'insights',
    label: 'Insights',
    icon: 'M3.5 20.5h17M5 16.5l4.5-5 3.5 3 6-7.5M19 7v3.5M19 7h-3.5',
    also: ['journey'],
  },
  {
    // The week's plan, today's question, promises and the couple itself: what the two of you do together.
    route: 'plan',
    label: 'Together',
    icon: 'M5 5.5h14A1.5 1.5 0 0 1 20.5 7v12a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 19V7A1.5 1.5 0 0 1 5 5.5zM3.5 9.5h17M8 3.5v4M16 3.5v4M12 18s-3.2-1.9-3.2-4.1a1.7 1.7 0 0 1 3.2-.8 1.7 1.7 0 0 1 3.2.8c0 2.2-3.2 4.1-3.2 4.1z',
    also: ['practices', 'prompts', 'promises', 'couple'],
  },
  {
    route: 'conflicts',
    label: 'Talk it through',
    icon: 'M4 4.5h10a1.5 1.5 0 0 1 1.5 1.5v5.5a1.5 1.5 0 0 1-1.5 1.5H9l-3.5 3v-3H4a1.5 1.5 0 0 1-1.5-1.5V6A1.5 1.5 0 0 1 4 4.5zM18.5 9H20a1.5 1.5 0 0 1 1.5 1.5V16a1.5 1.5 0 0 1-1.5 1.5h-1.5v3l-3.5-3h-3.5a1.5 1.5 0 0 1-1.5-1.5',
  },
];

const settingsIcon = 'M4 7h10M18 7h2M4 17h2M10 17h10M16 4.5v5M8 14.5v5';

function NavIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

export function App() {
  const route = useRoute();
  const sub = useSubpath();
  const [me, setMe] = useState<Me | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [invite, setInvite] = useState<Invite | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const meRef = useRef(me);
  meRef.current = me;

  const signedOut = useCallback((message: string | null) => {
    setMe(null);
    setInvite(null);
    setFlash(message);
    navigate('login');
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      const wasIn = meRef.current !== null;
      setMe(null);
      setInvite(null);
      if (wasIn) setFlash('Your session has ended. Please log in again.');
      const now = currentRoute();
      if (!now || !publicRoutes.includes(now)) navigate('login', { replace: true });
    });
  }, []);

  /** Asks the server who is signed in; resolves to whether that worked. */
  const fetchMe = useCallback(async (): Promise<boolean> => {
    try {
      setMe(await api.me());
      setLoad({ state: 'ready' });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setLoad({ state: 'ready' });
      } else if (meRef.current === null) {
        // Only the first load blocks the app; a failed background refresh keeps what we have.
        setLoad({
          state: 'failed',
          message: error instanceof ApiError ? error.detail : 'Something went wrong while loading Hearth.',
        });
      }
      return false;
    }
  }, []);

  useEffect(() => {
    if (signedInHint.get()) void fetchMe();
    else setLoad({ state: 'ready' });
  }, [fetchMe]);

  useEffect(() => {
    if (load.state === 'ready') signedInHint.set(me !== null);
  }, [me, load.state]);

  // Coming back to the tab is the moment a partner may have joined or left.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && meRef.current) void fetchMe();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [fetchMe]);

  const signedIn = me !== null;
  const isPublic = route !== null && publicRoutes.includes(route);

  // Send people where they belong: signed-in people away from log in, everyone else to it.
  useEffect(() => {
    if (load.state !== 'ready') return;
    if (signedIn && (route === null || isPublic)) navigate('home', { replace: true });
    else if (!signedIn && !isPublic) navigate('login', { replace: true });
  }, [load.state, signedIn, route, isPublic]);

  // A flash message belongs to the screen it was shown on.
  useEffect(() => {
    if (route !== 'login' && route !== 'signup') setFlash(null);
  }, [route]);

  const session = useMemo<Session | null>(
    () =>
      me && {
        me,
        refresh: fetchMe,
        setUser: (user) => setMe((prev) => prev && { ...prev, user }),
        setCouple: (couple) => setMe((prev) => prev && { ...prev, couple }),
        invite,
        setInvite,
        signedOut,
      },
    [me, invite, fetchMe, signedOut],
  );

  let screen;
  if (load.state === 'loading') {
    screen = <Loading label="Opening Hearth…" />;
  } else if (load.state === 'failed') {
    screen = (
      <div class="stack">
        <h1>We couldn't open Hearth</h1>
        <p class="form-error" role="alert">
          {load.message}
        </p>
        <Button
          type="button"
          onClick={() => {
            setLoad({ state: 'loading' });
            void fetchMe();
          }}
        >
          Try again
        </Button>
      </div>
    );
  } else if (!session) {
    if (route === 'signup') screen = <SignUp onSignedIn={(user) => setMe({ user, couple: null })} />;
    else if (route === 'login') screen = <LogIn flash={flash} onSignedIn={fetchMe} />;
  } else if (route === 'home') screen = <Home />;
  else if (route === 'checkin') screen = <CheckIn />;
  else if (route === 'insights') screen = sub === 'cycle' ? <Cycle /> : <Insights />;
  else if (route === 'journey') screen = <Journey />;
  else if (route === 'couple') screen = <CoupleScreen />;
  else if (route === 'plan') {
    if (sub === 'times') screen = <FreeTimes />;
    else if (sub === 'calendar') screen = <CalendarScreen />;
    else screen = <PlanScreen />;
  } else if (route === 'practices') screen = sub === '' ? <PracticeLibrary /> : <PracticeScreen key={sub} id={sub} />;
  else if (route === 'prompts') screen = <Prompts />;
  else if (route === 'promises') screen = <PromisesScreen />;
  else if (route === 'settings') screen = <Settings />;
  else if (route === 'conflicts') {
    if (sub === '') screen = <Conflicts />;
    else if (sub === 'patterns') screen = <Patterns />;
    else screen = <ConflictScreen key={sub} id={sub} />;
  } else if (route === 'checkups') {
    const [instrument, view] = sub.split('/');
    if (sub === '') screen = <Checkups />;
    else if (sub === 'report') screen = <CoupleReport />;
    else if (sub === 'causes') screen = <Causes />;
    else if (view === 'results') screen = <CheckupResults key={instrument} id={instrument} />;
    else screen = <TakeCheckup key={instrument} id={instrument} />;
  }

  const content = (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <div class="top-inner">
          <a class="brand" href={href(signedIn ? 'home' : 'login')}>
            <Logo />
            <span>Hearth</span>
          </a>
          {signedIn && (
            <nav class="main-nav" aria-label="Main">
              <div class="tabs">
                <ul>
                  {navItems.map((item) => {
                    const here = route === item.route || (route !== null && item.also?.includes(route));
                    return (
                      <li key={item.route}>
                        <a href={href(item.route)} aria-current={here ? 'page' : undefined}>
                          <NavIcon d={item.icon} />
                          {/* One-word labels stay whole ("Check-ups" must not break at its hyphen). */}
                          <span class={item.label.includes(' ') ? undefined : 'nowrap'}>{item.label}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
              <a
                class="settings-link"
                href={href('settings')}
                aria-current={route === 'settings' ? 'page' : undefined}
              >
                <NavIcon d={settingsIcon} />
                <span>Settings</span>
              </a>
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} class={signedIn ? 'with-tabs' : undefined}>
        {screen}
      </main>
    </>
  );

  return <SessionContext.Provider value={session}>{content}</SessionContext.Provider>;
}
