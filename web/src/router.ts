// A tiny hash router: #/login, #/signup, #/home, #/couple, #/settings.
import { useEffect, useState } from 'preact/hooks';

export type Route = 'login' | 'signup' | 'home' | 'couple' | 'settings';

const routes: readonly Route[] = ['login', 'signup', 'home', 'couple', 'settings'];
export const publicRoutes: readonly Route[] = ['login', 'signup'];

/** The route named by the current hash, or null when the hash names none. */
export function currentRoute(): Route | null {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (routes as readonly string[]).includes(name) ? (name as Route) : null;
}

export function navigate(route: Route, { replace = false } = {}): void {
  const hash = `#/${route}`;
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

export const href = (route: Route) => `#/${route}`;
