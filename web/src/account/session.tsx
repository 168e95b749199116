import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, resetAntiforgery } from '../api/client';
import type { AccountView, ProfileView } from '../api/types';

export interface Session {
  /** undefined while loading; null when signed out. */
  account: AccountView | null | undefined;
  profiles: ProfileView[];
  profile: ProfileView | null;
  isAdmin: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);
  const [profiles, setProfiles] = useState<ProfileView[]>([]);

  const refresh = useCallback(async () => {
    try {
      const [me, list] = await Promise.all([
        api.get<AccountView>('/api/v1/account'),
        api.get<ProfileView[]>('/api/v1/profiles'),
      ]);
      setAccount(me);
      setProfiles(list);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setAccount(null);
        setProfiles([]);
        return;
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setAccount(null));
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/browser/logout');
    } finally {
      resetAntiforgery();
      setAccount(null);
      setProfiles([]);
    }
  }, []);

  const value = useMemo<Session>(() => {
    const profile = profiles.find((p) => p.id === account?.profileId) ?? profiles[0] ?? null;
    return { account, profiles, profile, isAdmin: account?.roles.includes('admin') ?? false, refresh, signOut };
  }, [account, profiles, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
