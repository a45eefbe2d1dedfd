import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Vitest global setup: bundles the `vigil` command from the current sources,
 * so tests that run it as a child process never test a stale build.
 */
export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'build', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
