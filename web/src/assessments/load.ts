// Loading a screen's data: one state machine (loading → ready | failed) and a way to load again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: ApiError | null; message: string }
  | { state: 'ready'; data: T };

/** Runs `fetcher` now and on `reload()`; answers that arrive after a newer call are ignored. */
export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const call = useRef(0);
  const run = useCallback(fetcher, deps);
  const reload = useCallback(() => {
    const mine = ++call.current;
    setLoad({ state: 'loading' });
    run().then(
      (data) => {
        if (mine === call.current) setLoad({ state: 'ready', data });
      },
      (error: unknown) => {
        if (mine !== call.current) return;
        setLoad({
          state: 'failed',
          error: error instanceof ApiError ? error : null,
          message: error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.',
        });
      },
    );
  }, [run]);
  useEffect(() => {
    reload();
    return () => {
      call.current += 1; // the screen went away: drop late answers
    };
  }, [reload]);
  return [load, reload];
}
