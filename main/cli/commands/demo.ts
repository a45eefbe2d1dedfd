import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { createDemoVault } from '../../evidence/demo';
import { out, outJson } from '../output';
import { kdfForNewSlots } from '../unlock';

/** `vigil demo`: a vault with one fictional case, ready to explore. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo <dir>')
    .description('create a demo vault holding one FICTIONAL case (passphrase from VIGIL_PASSPHRASE, or printed)')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const given = process.env.VIGIL_PASSPHRASE;
      const passphrase = given && given.length >= 8 ? given : `demo-${randomBytes(6).toString('hex')}`;
      const { kdf } = await kdfForNewSlots();
      const summary = await createDemoVault(dir, passphrase, kdf);
      if (opts.json) return outJson({ ...summary, passphrase: given ? undefined : passphrase });
      out(`Created a demo vault in ${dir} with one FICTIONAL case (every person, place and document is invented).`);
      out(given ? 'Passphrase: the one in VIGIL_PASSPHRASE.' : `Passphrase: ${passphrase}`);
      out(`Recovery code: ${summary.recoveryCode}`);
      const c = summary.counts;
      out(
        `Case ${summary.caseId} (DEMO-2025-001): ${c.people} people, ${c.items} documents, ${c.interviews} ` +
          `interviews, ${c.events} events, ${c.requests} requests.`,
      );
      out(`Try: vigil timeline ${dir} DEMO-2025-001   |   vigil search ${dir} colony   |   vigil verify ${dir}`);
    });
}
