// Saves a person's answers as they give them: changed answers are gathered for a moment and sent
// together (PUT merges them into the draft), one request at a time. A failed save keeps its answers
// for the next try and is reported; nothing chosen on screen is dropped silently.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { Draft } from './types';
import { unsaved } from './unsaved';

/** How long to wait for more taps before saving. */
const DEBOUNCE_MS = 400;

type Answers = Record<string, number | null>;

export type SaveState =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'failed'; message: string };

export interface Saver {
  save: SaveState;
  /** The server's view of the draft after the last successful save (ready, missing, counts). */
  draft: Draft | null;
  /** The same, read now rather than at the last render (for use after an await). */
  latestDraft: () => Draft | null;
  setDraft: (draft: Draft | null) => void;
  /** Records one answer and schedules a save. */
  record: (itemId: string, value: number | null) => void;
  /** Sends everything not yet saved; resolves to whether all of it is saved now. */
  flush: () => Promise<boolean>;
}

export function useAnswerSaver(instrumentId: string): Saver {
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [draft, setDraftState] = useState<Draft | null>(null);
  const draftRef = useRef<Draft | null>(null);
  const setDraft = useCallback((next: Draft | null) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);
  const latestDraft = useCallback(() => draftRef.current, []);
  const pending = useRef<Answers>({});
  const inflight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | null>(null);
  const mounted = useRef(true);

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    // One request at a time, so answers reach the server in the order they were given.
    while (inflight.current) await inflight.current;
    const batch = pending.current;
    if (Object.keys(batch).length === 0) return true;
    pending.current = {};
    if (mounted.current) setSave({ state: 'saving' });
    const sent = api.saveAnswers(instrumentId, batch).then(
      (next) => {
        if (mounted.current) setDraft(next);
        return true;
      },
      (error: unknown) => {
        // Put the batch back, unless a newer answer for the same item is already waiting.
        pending.current = { ...batch, ...pending.current };
        if (mounted.current) {
          const detail = error instanceof ApiError ? error.detail : 'Something went wrong.';
          setSave({ state: 'failed', message: detail });
        } else {
          unsaved.add(instrumentId, pending.current);
          pending.current = {};
        }
        return false;
      },
    );
    inflight.current = sent;
    const ok = await sent;
    inflight.current = null;
    if (!ok) return false;
    if (Object.keys(pending.current).length > 0) return flush();
    if (mounted.current) setSave({ state: 'saved' });
    return true;
  }, [instrumentId, setDraft]);

  const record = useCallback(
    (itemId: string, value: number | null) => {
      pending.current = { ...pending.current, [itemId]: value };
      setSave((s) => (s.state === 'failed' ? s : { state: 'pending' }));
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  // Leaving the page with answers not yet saved: the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length === 0 && !inflight.current) return;
      void flush();
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [flush]);

  // Leaving the screen inside the app: save what is left. If that fails, the answers wait in
  // memory for the next visit (see unsaved.ts), which says so.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (Object.keys(pending.current).length > 0 || inflight.current) void flush();
    };
  }, [flush]);

  return { save, draft, latestDraft, setDraft, record, flush };
}
