// What every signed-in screen needs: who is here, their couple, and ways to change that.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Couple, Invite, Me, User } from './api';

export interface Session {
  me: Me;
  /** Fetches /api/v1/me again (e.g. to see whether a partner has joined); false when that failed. */
  refresh: () => Promise<boolean>;
  setUser: (user: User) => void;
  setCouple: (couple: Couple | null) => void;
  /** The invite code made in this tab, if any: the server shows a code only once. */
  invite: Invite | null;
  setInvite: (invite: Invite | null) => void;
  /** Forget the person and go to the log-in screen with a message. */
  signedOut: (message: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

/** The open invite code, if it is the one the couple currently has. */
export function openInvite(session: Session): Invite | null {
  const { invite, me } = session;
  const couple = me.couple;
  if (!invite || !couple || couple.status !== 'waiting' || !couple.invite) return null;
  if (invite.couple.id !== couple.id || invite.expires_at !== couple.invite.expires_at) return null;
  if (new Date(invite.expires_at).getTime() <= Date.now()) return null;
  return invite;
}

export const partnerOf = (couple: Couple | null) => couple?.partners.find((p) => !p.is_me) ?? null;
