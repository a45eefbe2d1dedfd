import sodium from 'libsodium-wrappers-sumo';

/** The libsodium API, ready to use (the WebAssembly module is loaded once). */
export type Sodium = typeof sodium;

/** Resolves to libsodium once its WebAssembly module has loaded. */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}

/** Overwrites secret bytes in place; used on keys once they are no longer needed. */
export function wipe(...buffers: (Uint8Array | undefined | null)[]): void {
  for (const b of buffers) if (b) b.fill(0);
}
