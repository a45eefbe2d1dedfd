/** The root component: for now, the product name, what it is for, and its version. */
import { useEffect, useState } from 'react';
import { assertNever } from '../../shared/errors';
import { appInfo } from '../api/vigil';

type VersionState = { kind: 'loading' } | { kind: 'ready'; version: string } | { kind: 'failed'; message: string };

/** Asks the core for the version once, on mount. */
function useVersion(): VersionState {
  const [state, setState] = useState<VersionState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    appInfo()
      .then((result) => {
        if (!live) return;
        setState(result.ok ? { kind: 'ready', version: result.value.version } : { kind: 'failed', message: result.error.message });
      })
      .catch((error: unknown) => {
        if (live) setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function VersionLine({ state }: { state: VersionState }): React.JSX.Element {
  switch (state.kind) {
    case 'loading':
      return <p className="version">Version …</p>;
    case 'ready':
      return <p className="version">Version {state.version}</p>;
    case 'failed':
      return <p className="version version--failed" role="alert">{state.message}</p>;
    default:
      return assertNever(state, 'version state');
  }
}

/** The app's root. */
export function App(): React.JSX.Element {
  return (
    <main className="shell">
      <h1 className="shell__title">Vigil</h1>
      <p className="shell__lead">
        An offline evidence vault: encrypted storage, a signed chain of custody, and sealed packages anyone can verify.
      </p>
      <VersionLine state={useVersion()} />
    </main>
  );
}
