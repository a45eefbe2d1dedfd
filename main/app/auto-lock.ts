/**
 * The auto-lock wired to Electron: system suspend and screen lock lock at
 * once; otherwise the session locks after the idle limit with no request and
 * no input. Input counts only while the window has focus: typing in another
 * program is not someone at the vault.
 */
import type { App, BrowserWindow, PowerMonitor } from 'electron';
import type { AppServices } from '../ipc/services';
import { AutoLock, DEFAULT_AUTO_LOCK_MINUTES } from '../session/auto-lock';

/** The idle limit in minutes from the settings, read at every check so a change applies at once. */
export function autoLockMinutes(services: Pick<AppServices, 'settings'>): () => number {
  return () => {
    try {
      return services.settings.current().autoLockMinutes;
    } catch {
      // Settings that cannot be read must not turn the lock off.
      return DEFAULT_AUTO_LOCK_MINUTES;
    }
  };
}

/** What the auto-lock needs from Electron. */
interface AutoLockShell {
  app: Pick<App, 'on'>;
  powerMonitor: Pick<PowerMonitor, 'on' | 'getSystemIdleTime'>;
  getWindow: () => BrowserWindow | null;
}

/** Starts the auto-lock for `services`; call once the app is ready (powerMonitor needs it). */
export function installAutoLock(
  services: AppServices,
  shell: AutoLockShell,
  limitMinutes = autoLockMinutes(services),
): AutoLock {
  const autoLock = new AutoLock({
    session: services.session,
    tasks: services.tasks,
    limitMinutes,
    inputIdleMs: () => {
      const window = shell.getWindow();
      if (window === null || window.isDestroyed() || !window.isFocused()) return null;
      // Seconds, system-wide; with our window in front it is input in the vault's window.
      return shell.powerMonitor.getSystemIdleTime() * 1000;
    },
  });
  shell.powerMonitor.on('suspend', () => void autoLock.lock('suspend'));
  shell.powerMonitor.on('lock-screen', () => void autoLock.lock('screen-lock'));
  // Keys pressed in any of our windows are activity even when no request follows (typing a note).
  shell.app.on('browser-window-created', (_event, window) => {
    window.webContents.on('before-input-event', () => services.session.touch());
  });
  shell.app.on('before-quit', () => autoLock.stop());
  autoLock.start();
  return autoLock;
}
