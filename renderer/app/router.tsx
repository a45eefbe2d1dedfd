/**
 * Where the workspace is: a typed route kept in React state. A desktop window
 * has no address bar, so a union of screens is simpler than URL routing and
 * the compiler checks every link.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { GrantedPath } from '../../shared/contract';

/** The tabs of a case's workspace. */
export const CASE_TABS = [
  'overview',
  'people',
  'items',
  'interviews',
  'timeline',
  'requests',
  'custody',
  'export',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/** Every screen of the unlocked workspace. */
export type Route =
  | { screen: 'cases' }
  | { screen: 'case'; caseId: string; tab: CaseTab; /** an item, interview… to open inside the tab */ focusId?: string }
  | { screen: 'receive'; /** a package the OS asked to open (double-click), granted by main */ file?: GrantedPath }
  | { screen: 'search' }
  | { screen: 'custody' }
  | { screen: 'settings' };

interface RouterValue {
  route: Route;
  navigate(route: Route): void;
  back(): void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** Holds the current route and a short history for Back. */
export function RouterProvider({
  children,
  initial = { screen: 'cases' },
}: {
  children: ReactNode;
  initial?: Route;
}): React.JSX.Element {
  const [history, setHistory] = useState<Route[]>([initial]);
  const navigate = useCallback((route: Route) => setHistory((h) => [...h.slice(-49), route]), []);
  const back = useCallback(() => setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h)), []);
  const route = history[history.length - 1] ?? initial;
  const value = useMemo(() => ({ route, navigate, back }), [route, navigate, back]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** The current route and navigation functions. */
export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (value === null) throw new Error('useRouter must be used inside RouterProvider.');
  return value;
}
