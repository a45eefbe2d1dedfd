/**
 * The session as the window sees it: locked or unlocked, and as whom. Locking
 * (by the user, idle time, suspend, screen lock, or a restart of the process
 * holding the vault) arrives as an event; it
 * clears every cached answer so nothing read from the vault stays on screen.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Res } from '../../shared/contract';
import { call, onEvent } from '../api/vigil';

/** What vault:state answers. */
export type VaultState = Res<'vault:state'>;

/** Why the vault was last locked, if not by the user. */
type LockNotice = 'idle' | 'suspend' | 'screen-lock' | 'host-restarted' | null;

interface SessionValue {
  /** null while the first answer is awaited. */
  state: VaultState | null;
  lockNotice: LockNotice;
  /** Replaces the state after unlock or create. */
  setUnlocked(state: VaultState): void;
  /** Locks the vault now. */
  lock(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Provides the session to the whole window. */
export function SessionProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const client = useQueryClient();
  const [state, setState] = useState<VaultState | null>(null);
  const [lockNotice, setLockNotice] = useState<LockNotice>(null);

  useEffect(() => {
    let live = true;
    void call('vault:state', {}).then((result) => {
      if (live) setState(result.ok ? result.value : { unlocked: false });
    });
    const unsubscribe = onEvent('vault:locked', ({ reason }) => {
      client.clear();
      setState({ unlocked: false });
      setLockNotice(reason === 'user' || reason === 'quit' ? null : reason);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);

  const setUnlocked = useCallback((next: VaultState) => {
    setLockNotice(null);
    setState(next);
  }, []);
  const lock = useCallback(async () => {
    await call('vault:lock', {});
    client.clear();
    setState({ unlocked: false });
  }, [client]);

  const value = useMemo(() => ({ state, lockNotice, setUnlocked, lock }), [state, lockNotice, setUnlocked, lock]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only inside SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside SessionProvider.');
  return value;
}
