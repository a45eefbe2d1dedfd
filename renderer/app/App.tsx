/** The root: the unlock screen while locked, the workspace once a vault is open. */
import { Center, Loader } from '@mantine/core';
import { UnlockScreen } from '../features/unlock/UnlockScreen';
import { RouterProvider } from './router';
import { useSession } from './session';
import { Workspace } from './Workspace';

/** The app's root. */
export function App(): React.JSX.Element {
  const { state } = useSession();
  if (state === null) {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (!state.unlocked) return <UnlockScreen />;
  // A new RouterProvider per unlock: the previous session's place is not kept.
  return (
    // After a recovery-code unlock the member must set a new passphrase first: start in Settings.
    <RouterProvider
      key={state.vaultId}
      {...(state.needsNewPassphrase ? { initial: { screen: 'settings' } as const } : {})}
    >
      <Workspace />
    </RouterProvider>
  );
}
