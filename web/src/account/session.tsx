import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, resetAntiforgery } from '../api/client';
import type { AccountView, ProfileView } from '../api/types';
import { hasDownloads } from '../offline/hint';

export interface Session {
  /** undefined while loading; null when signed out. */
  account: AccountView | null | undefined;
  profiles: ProfileView[];
  profile: ProfileView | null;
  isAdmin: boolean;
  /** The origin could not be reached: account and profiles are the last ones it answered with (see `remember`). */
  offline: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The last account and profiles the origin answered with, so the app still knows who is signed in when it opens
 * without a network (the downloads page and offline playback need the profile). Only ever read when the origin cannot
 * be reached; a 401 or a sign-out forgets it.
 */
const cacheKey = 'marquee.session';

interface CachedSession {
  account: AccountView;
  profiles: ProfileView[];
}

function remember(value: CachedSession | null): void {
  try {
    if (value) localStorage.setItem(cacheKey, JSON.stringify(value));
    else localStorage.removeItem(cacheKey);
  } catch {
    // Storage full or refused (private mode): the app works online all the same.
  }
}

function remembered(): CachedSession | null {
  try {
    const text = localStorage.getItem(cacheKey);
    return text ? (JSON.parse(text) as CachedSession) : null;
  } catch {
    return null;
  }
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [offline, setOffline] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [me, list] = await Promise.all([
        api.get<AccountView>('/api/v1/account'),
        api.get<ProfileView[]>('/api/v1/profiles'),
      ]);
      setAccount(me);
      setProfiles(list);
      setOffline(false);
      remember({ account: me, profiles: list });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        remember(null);
        setAccount(null);
        setProfiles([]);
        return;
      }
      const cached = error instanceof ApiError && error.status === 0 ? remembered() : null;
      if (cached) {
        setAccount(cached.account);
        setProfiles(cached.profiles);
        setOffline(true);
        return;
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setAccount(null));
  }, [refresh]);

  // Opened without a network: ask again as soon as there is one.
  useEffect(() => {
    if (!offline) return;
    const again = () => void refresh().catch(() => undefined);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [offline, refresh]);

  const signOut = useCallback(async () => {
    try {
      // A shared computer must not keep someone's downloads: they go with the session (and their licences with them).
      if (hasDownloads()) await import('../offline/manager').then((m) => m.forgetDevice()).catch(() => undefined);
      await api.post('/api/v1/auth/browser/logout');
    } finally {
      resetAntiforgery();
      remember(null);
      setAccount(null);
      setProfiles([]);
    }
  }, []);

  const value = useMemo<Session>(() => {
    const profile = profiles.find((p) => p.id === account?.profileId) ?? profiles[0] ?? null;
    return { account, profiles, profile, isAdmin: account?.roles.includes('admin') ?? false, offline, refresh, signOut };
  }, [account, profiles, offline, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
