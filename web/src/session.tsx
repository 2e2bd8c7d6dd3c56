import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { SessionResponse, type SessionUser } from "../../src/platform/auth/auth.contract.ts";
import { ApiError, apiRequest, setCsrfToken, setUnauthorizedHandler } from "./api.ts";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; expired: boolean }
  | { status: "signed-in"; user: SessionUser };

interface SessionValue {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Holds who is signed in: asks `/auth/me` once at start, then follows sign-in, sign-out and expiry. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setState({ status: "signed-in", user: session.user });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: "signed-out", expired: true });
    });
    apiRequest("/auth/me", { schema: SessionResponse })
      .then(accept)
      .catch(() => setState({ status: "signed-out", expired: false }));
    return () => setUnauthorizedHandler(null);
  }, [accept]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await apiRequest("/auth/login", {
        method: "POST",
        body: { email, password },
        schema: SessionResponse,
      });
      accept(session);
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await apiRequest("/auth/logout", { method: "POST" });
    } catch (error) {
      // An already-expired session is signed out anyway; anything else is worth surfacing.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setCsrfToken(null);
    setState({ status: "signed-out", expired: false });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session and the actions that change it; only inside `SessionProvider`. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession is used outside SessionProvider");
  return value;
}

/** The signed-in user; only on pages rendered behind the sign-in. */
export function useSignedInUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useSignedInUser is used while signed out");
  return state.user;
}
