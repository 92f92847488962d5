import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { onSignedOut, postAuth, request } from './api/client';
import { WebViewerDocument, type WebViewerQuery } from './api/gql/graphql';

export type Viewer = WebViewerQuery['viewer'];

interface Session {
  /** undefined: still asking the hub; null: not signed in. */
  viewer: Viewer | null | undefined;
  signIn(email: string, password: string, totp?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the hub again who is signed in (after a set-password link signed the person in). */
  reload(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in person as the hub sees them (role, scope, rights); the cookie itself is HttpOnly. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const data = await request(WebViewerDocument, {});
      setViewer(data.viewer.kind === 'PERSON' ? data.viewer : null);
    } catch {
      setViewer(null);
    }
  }, []);

  useEffect(() => {
    void load();
    return onSignedOut(() => setViewer(null));
  }, [load]);

  const signIn = useCallback(
    async (email: string, password: string, totp?: string) => {
      await postAuth('/auth/sign-in', totp ? { email, password, totp } : { email, password });
      await load();
    },
    [load],
  );

  const signOut = useCallback(async () => {
    try {
      await postAuth('/auth/sign-out', {});
    } finally {
      setViewer(null);
    }
  }, []);

  return <SessionContext.Provider value={{ viewer, signIn, signOut, reload: load }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
