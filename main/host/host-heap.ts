/**
 * V8 flags of the core host's process, in the app (utilityProcess) and under Node (fork).
 *
 * Why: after the host stores large files, V8's young generation has grown to its 32 MiB
 * maximum, and the old generation (about 21 MiB live) was given less room to grow than that.
 * V8 then starts incremental marking whenever it checks, so a following export, which makes
 * a 64 KiB buffer per ChaCha20-Poly1305 chunk, ran 40-60 full collections per GiB: 1-2 s of
 * CPU time on a 2-core machine, with the export's two threads waiting on the cores. Measured
 * in one process storing 1 GiB then exporting it (tests/bench/export-1gib.ts); with this room
 * the same exports ran 0-3 full collections. The cost is garbage of up to about 100 MiB more
 * kept before the first full collection.
 */
export const CORE_HOST_V8_FLAGS: readonly string[] = ['--initial-old-space-size=128'];
