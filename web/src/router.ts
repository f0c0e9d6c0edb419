// A tiny hash router: #/login, #/signup, #/home, #/couple, #/settings, #/conflicts[/<id>|/patterns],
// #/checkups[/report|/causes|/<instrument>/take|/<instrument>/results], #/checkin, #/insights[/cycle],
// #/journey, #/plan[/times|/calendar], #/practices[/<id>], #/prompts, #/promises.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | 'login'
  | 'signup'
  | 'home'
  | 'couple'
  | 'settings'
  | 'conflicts'
  | 'checkups'
  | 'checkin'
  | 'insights'
  | 'journey'
  | 'plan'
  | 'practices'
  | 'prompts'
  | 'promises';

const routes: readonly Route[] = [
  'login',
  'signup',
  'home',
  'couple',
  'settings',
  'conflicts',
  'checkups',
  'checkin',
  'insights',
  'journey',
  'plan',
  'practices',
  'prompts',
  'promises',
];
export const publicRoutes: readonly Route[] = ['login', 'signup'];

function segments(): string[] {
  return location.hash
    .replace(/^#\/?/, '')
    .split('?')[0]
    .split('/')
    .filter(Boolean);
}

/** The route named by the current hash, or null when the hash names none. */
export function currentRoute(): Route | null {
  const name = segments()[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : null;
}

/** What follows the route in the hash: "#/conflicts/42" → "42"; "" when nothing does. */
export function currentSubpath(): string {
  return segments().slice(1).join('/');
}

export function navigate(route: Route, { replace = false, sub = '' } = {}): void {
  const hash = sub ? `#/${route}/${sub}` : `#/${route}`;
  if (location.hash === hash) return;
  if (replace) history.replaceState(null, '', hash);
  else location.hash = hash;
  // replaceState does not fire hashchange; tell listeners ourselves.
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route | null {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** The part of the hash after the route, kept up to date. */
export function useSubpath(): string {
  const [sub, setSub] = useState(currentSubpath());
  useEffect(() => {
    const update = () => setSub(currentSubpath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return sub;
}

export const href = (route: Route, sub = '') => (sub ? `#/${route}/${sub}` : `#/${route}`);
