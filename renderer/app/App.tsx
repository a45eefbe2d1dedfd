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
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!state.unlocked) return <UnlockScreen />;
  // A new RouterProvider per unlock: the previous session's place is not kept.
  return (
    <RouterProvider key={state.vaultId}>
      <Workspace />
    </RouterProvider>
  );
}
