/** The page never navigates, opens windows or embeds webviews: everything is denied. */
import type { WebContents } from 'electron';

/** Denies navigation, redirects, window.open and webview attachment on one webContents. */
export function lockNavigation(contents: WebContents): void {
  const prevent = (event: { preventDefault(): void }): void => {
    event.preventDefault();
  };
  // The app is one page: links, drops and scripts must never take it elsewhere.
  contents.on('will-navigate', prevent);
  contents.on('will-frame-navigate', prevent);
  contents.on('will-redirect', prevent);
  contents.on('will-attach-webview', prevent);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
