import { spawnSync } from 'node:child_process';

/**
 * Whether an outside tool (age, minisign, sha256sum, …) is on PATH.
 * Locally a missing tool skips its interop tests with a printed reason; under CI
 * (CI=true) it is a failure, because CI installs every tool the tests need.
 * `debianPackage` names the package to install when it is not the tool's own name.
 */
export function hasTool(name: string, debianPackage = name): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
  if (!found) {
    if (process.env.CI)
      throw new Error(`${name} is required under CI but is not installed (apt-get install ${debianPackage})`);
    console.warn(`skipping ${name} interop tests: ${name} is not installed (apt-get install ${debianPackage})`);
  }
  return found;
}
