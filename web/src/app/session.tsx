import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api, ApiError, call, type Session, setCsrfToken } from '../api/client';

type Workspace = Session['workspaces'][number];

interface SessionState {
  session: Session;
  workspace: Workspace;
  setWorkspace: (id: string) => void;
  /** 'mine' shows times in the browser's zone; 'post' in each post's own zone. */
  zoneMode: 'mine' | 'post';
  setZoneMode: (mode: 'mine' | 'post') => void;
  signOut: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);
const WORKSPACE_KEY = 'preclear.workspace';
const ZONE_KEY = 'preclear.zoneMode';

export const MY_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The current session, or null when signed out (401). */
export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    retry: false,
    staleTime: Infinity,
    queryFn: async () => {
      try {
        const session = await call(api.GET('/api/v1/auth/session'));
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

/** A session, or the challenge of the second-factor step (no session until the code is given). */
export async function signIn(email: string, password: string): Promise<Session | { challengeToken: string }> {
  const answer = await call(api.POST('/api/v1/auth/session', { body: { email, password } }));
  if ('challengeToken' in answer) return { challengeToken: answer.challengeToken };
  setCsrfToken(answer.csrfToken);
  return answer;
}

export async function answerChallenge(challengeToken: string, code: string): Promise<Session> {
  const session = await call(api.POST('/api/v1/auth/session/second-factor', { body: { challengeToken, code } }));
  setCsrfToken(session.csrfToken);
  return session;
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const queryClient = useQueryClient();
  // A link from a calendar feed names the post's workspace (?workspace=); otherwise the last one used.
  const [workspaceId, setWorkspaceId] = useState(
    () => new URLSearchParams(window.location.search).get('workspace') ?? localStorage.getItem(WORKSPACE_KEY),
  );
  const [zoneMode, setZone] = useState<'mine' | 'post'>(() =>
    localStorage.getItem(ZONE_KEY) === 'post' ? 'post' : 'mine',
  );
  const workspace = session.workspaces.find((w) => w.id === workspaceId) ?? session.workspaces[0];

  const setWorkspace = useCallback(
    (id: string) => {
      localStorage.setItem(WORKSPACE_KEY, id);
      setWorkspaceId(id);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
    [queryClient],
  );
  const setZoneMode = useCallback((mode: 'mine' | 'post') => {
    localStorage.setItem(ZONE_KEY, mode);
    setZone(mode);
  }, []);
  const signOut = useCallback(async () => {
    await call(api.DELETE('/api/v1/auth/session'));
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      workspace,
      setWorkspace,
      zoneMode,
      setZoneMode,
      signOut,
      hasRole: (...roles) => roles.some((r) => workspace.roles.includes(r as never)),
    }),
    [session, workspace, setWorkspace, zoneMode, setZoneMode, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
