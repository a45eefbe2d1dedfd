/**
 * The one transport the core host speaks: post a message, listen for messages.
 * The protocol (rpc.ts, core-server.ts, core-client.ts) is written against this
 * and nothing else, so the very same code runs over Node's child_process IPC
 * (the harness, the benchmark, unit tests) and over Electron's utilityProcess
 * port (the app; its two adapters are in main/app/core-host.ts).
 */
import type { ChildProcess } from 'node:child_process';

/** A message pipe to the other process; messages travel as structured clones. */
export interface HostPort {
  post(message: unknown): void;
  /** Starts delivering messages to `listener`; returns the function that stops it. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other side is gone (it exited, or the pipe closed). */
  onClose(listener: () => void): void;
}

/** Electron's process.parentPort inside a utilityProcess, as far as the adapter uses it. */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The child's end: Electron's process.parentPort when this runs as a utilityProcess,
 * else the IPC channel child_process.fork opened. Null when neither exists (not started as a child).
 */
export function parentPortOfThisProcess(proc: NodeJS.Process = process): HostPort | null {
  const electronPort = (proc as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (electronPort !== undefined) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => {
        const wrapped = (event: { data: unknown }): void => listener(event.data);
        electronPort.on('message', wrapped);
        return () => electronPort.off('message', wrapped);
      },
      // A utilityProcess ends with its parent; there is no close to observe.
      onClose: () => undefined,
    };
  }
  const send = proc.send?.bind(proc);
  if (send === undefined) return null;
  return {
    post: (message) => {
      // The parent may already be gone (it quit while this answer was being made): the write's error goes to this
      // callback, not to an 'error' event that would end the host before it locked its vault.
      if (proc.connected !== false) send(message as never, () => undefined);
    },
    onMessage: (listener) => {
      proc.on('message', listener);
      return () => proc.off('message', listener);
    },
    onClose: (listener) => proc.once('disconnect', listener),
  };
}

/** The parent's end of a child started by child_process.fork with `serialization: 'advanced'`. */
export function portOfChildProcess(child: ChildProcess): HostPort {
  return {
    post: (message) => {
      // A child that already died answers through onClose, not through an exception here.
      if (child.connected) child.send(message as never);
    },
    onMessage: (listener) => {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onClose: (listener) => child.once('exit', () => listener()),
  };
}
