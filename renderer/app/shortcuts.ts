/**
 * What opens a screen from outside the page: the window's keyboard shortcuts,
 * the native menu's Go choices (the app:menu event) and packages the OS asked to
 * open. In the packaged app the menu's accelerators take the keys first; the
 * hotkeys serve where there is no menu.
 */
import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { call, onEvent } from '../api/vigil';
import { useRouter } from './router';

/** Installs Ctrl/Cmd+K (search) and Ctrl/Cmd+, (settings), and follows the menu's Go choices. */
export function useAppShortcuts(): void {
  const { navigate } = useRouter();
  // Empty ignore list: Ctrl+K works from inside a text field too (it types nothing there).
  useHotkeys(
    [
      ['mod+K', () => navigate({ screen: 'search' })],
      ['mod+,', () => navigate({ screen: 'settings' })],
    ],
    [],
  );
  useEffect(() => onEvent('app:menu', ({ action }) => navigate({ screen: action })), [navigate]);
}

/**
 * Packages the operating system asked Vigil to open (a double-click on a .tar.age):
 * those that came while the vault was locked are taken once it opens, later ones
 * arrive as events; either way the receive screen opens with the file chosen.
 */
export function useOpenedPackages(): void {
  const { navigate } = useRouter();
  useEffect(() => {
    let live = true;
    void call('packages:take-opened', {}).then((result) => {
      const latest = result.ok ? result.value.files.at(-1) : undefined;
      if (live && latest !== undefined) navigate({ screen: 'receive', file: latest });
    });
    const stop = onEvent('packages:opened', (file) => navigate({ screen: 'receive', file }));
    return () => {
      live = false;
      stop();
    };
  }, [navigate]);
}
