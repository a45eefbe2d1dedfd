/**
 * The window's keyboard shortcuts and the native menu's Go choices (the
 * app:menu event): both open a screen. In the packaged app the menu's
 * accelerators take the keys first; the hotkeys serve where there is no menu.
 */
import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { onEvent } from '../api/vigil';
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
