/**
 * What the two processes of the hosted core say to each other (docs/DESIGN.md
 * §1, "The core host"). The main-role process (Electron main, or the E2E
 * harness) forwards the window's requests unparsed; the core host validates
 * them with dispatch() exactly as in-process IPC does. The host asks back only
 * for what needs the window's process: dialogs, the clipboard, events.
 */
import { z } from 'zod';

/** Requests the main-role process makes of the core host. */
export const TO_HOST = {
  init: 'init',
  call: 'call',
  preload: 'preload',
  lock: 'lock',
  arrive: 'arrive',
  mediaOpen: 'media-open',
  mediaPull: 'media-pull',
  mediaClose: 'media-close',
} as const;

/** Notes the main-role process sends the core host. */
export const NOTE_TO_HOST = {
  /** Someone is at the window (a key was pressed): the session's idle clock restarts. */
  touch: 'touch',
  /** A relayed parser process's answer, and its end (parser-relay.ts). */
  parserMessage: 'parser-message',
  parserExit: 'parser-exit',
  /** How long the window's person has been idle, or null when the window is not in front (auto-lock). */
  inputIdle: 'input-idle',
} as const;

/** Requests the core host makes of the main-role process. */
export const TO_MAIN = {
  dialog: 'dialog',
  /** Start a text-extraction process for the host (parser-relay.ts); answers its relay id. */
  parserStart: 'parser-start',
} as const;

/** Notes the core host sends the main-role process. */
export const NOTE_TO_MAIN = {
  event: 'event',
  clipboard: 'clipboard',
  /** A request for a relayed parser process, and ending it (parser-relay.ts). */
  parserPost: 'parser-post',
  parserKill: 'parser-kill',
  /** Only when HostInit.reportInternalErrors (the E2E harness): an unexpected error's text. */
  internalError: 'internal-error',
} as const;

/** How the core host is set up; sent once, first. */
export const HostInitSchema = z.object({
  appInfo: z.object({ name: z.string(), version: z.string() }),
  /** The app's settings file (the host reads and writes it; main only reads the language at start). */
  settingsFile: z.string().min(1),
  /** Base of item media URLs (vigil-media://media in the app). */
  mediaBase: z.string().min(1),
  validateResponse: z.boolean(),
  /** Where unexpected errors are logged (the app); null: not logged. */
  errorLog: z.object({ file: z.string().min(1), appRoot: z.string() }).nullable(),
  /** Send unexpected errors' text to main (tests only: the text may hold paths). */
  reportInternalErrors: z.boolean(),
  /** Lighter Argon2id limits (tests only); null: the defaults. */
  kdf: z.object({ opslimit: z.number().int().positive(), memlimit: z.number().int().positive() }).nullable(),
  /** Run the idle auto-lock in the host (the app); main then sends input-idle notes. */
  autoLock: z.boolean(),
  /** Ask main to start text-extraction processes (inside Electron only main can: parser-relay.ts). */
  parsersFromMain: z.boolean(),
});

/** How the core host is set up. */
export type HostInit = z.infer<typeof HostInitSchema>;

/** A forwarded call: an untrusted channel name and an unparsed request. */
export const CallSchema = z.object({ channel: z.unknown(), raw: z.unknown() });

/** What a dialog request carries. */
export const DialogAskSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('openFiles'), opts: z.unknown() }),
  z.object({ op: z.literal('chooseFolder'), opts: z.unknown() }),
  z.object({ op: z.literal('saveFile'), opts: z.unknown() }),
]);

/** A media request forwarded from the vigil-media protocol (or the harness's route). */
export const MediaOpenSchema = z.object({
  itemId: z.string().max(64),
  range: z.string().max(200).nullable(),
  head: z.boolean(),
});

/** The head of a media answer; the body, if any, is pulled chunk by chunk with its stream id. */
export interface MediaHead {
  status: number;
  headers: Record<string, string>;
  stream: number | null;
}
