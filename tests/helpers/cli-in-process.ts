import { Command } from 'commander';
import { vi } from 'vitest';

/**
 * Runs commands registered by `register` in this process (no bundle, no child
 * process) and returns what they printed to stdout. Usage errors throw.
 */
export async function runInProcess(
  register: ((program: Command) => void)[],
  args: string[],
  version = '9.9.9',
): Promise<string> {
  const program = new Command('vigil').version(version).exitOverride();
  for (const add of register) add(program);
  for (const sub of program.commands) sub.exitOverride();
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return printed.join('');
}
