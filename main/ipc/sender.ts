/**
 * Who may call IPC: only the main frame of our own window, showing our own
 * origin. A subframe, a navigated-away page or another window is refused.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** Decides whether an IPC call comes from the app's own page. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** What the sender check trusts. */
interface SenderPolicy {
  /** Origins the app's page is served from, e.g. 'vigil-app://app' (plus the dev server in dev). */
  origins: readonly string[];
  /** True for the webContents of a window the app created. */
  isOwnContents: (contents: WebContents) => boolean;
}

/** `scheme://host[:port]` of a URL, or null. Node gives custom schemes the origin "null", so build it by hand. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.host === '') return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/** Builds the check passed to handle(). */
export function createSenderCheck(policy: SenderPolicy): SenderCheck {
  const origins = new Set(policy.origins.map((origin) => origin.toLowerCase()));
  return (event) => {
    try {
      const frame = event.senderFrame;
      if (frame === null || frame.parent !== null) return false;
      if (event.sender.mainFrame !== frame) return false;
      const origin = originOf(frame.url);
      return origin !== null && origins.has(origin) && policy.isOwnContents(event.sender);
    } catch {
      // A frame that was destroyed mid-call throws on access: not trusted.
      return false;
    }
  };
}
