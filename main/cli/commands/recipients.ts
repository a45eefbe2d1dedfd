import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { memberPublicIdentity } from '../../api/packages';
import { recipientFingerprints } from '../../api/settings';
import {
  addRecipient,
  listRecipients,
  RECIPIENT_KINDS,
  removeRecipient,
  type RecipientKind,
  type RecipientRow,
} from '../../packages/recipients';
import { vaultOptions } from '../options';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type JsonOpts = SecretOptions & { json?: boolean };
type AddOpts = JsonOpts & { name: string; key: string; minisign?: string; kind?: string; notes?: string };

const COMPARE_ADVICE =
  'Before anyone relies on a key, read its fingerprint aloud over a separate channel (a phone call, in person) ' +
  'and have the other side compare it with what they received.';

function kind(value: string | undefined): RecipientKind | undefined {
  if (value === undefined) return undefined;
  if (!(RECIPIENT_KINDS as readonly string[]).includes(value))
    throw new VigilError('INVALID_INPUT', `Unknown kind "${value}". Use one of: ${RECIPIENT_KINDS.join(', ')}.`);
  return value as RecipientKind;
}

/** --minisign takes the key's base64 line or the path of a .pub file. */
function minisignArg(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const looksLikeKey = /^RW[A-Za-z0-9+/=]+$/.test(value.trim());
  return !looksLikeKey && existsSync(value) ? readFileSync(value, 'utf8') : value;
}

/** A recipient with its fingerprints, for printing. */
function shown(r: RecipientRow): RecipientRow & { fingerprints: { age: string; minisign: string | null } } {
  return {
    ...r,
    fingerprints: recipientFingerprints(r),
  };
}

/** `vigil recipients add|list|remove`: the address book of people and organisations packages are sealed to. */
export function registerRecipientCommands(program: Command): void {
  const recipients = program
    .command('recipients')
    .description('the address book of package recipients: add, list, remove');

  vaultOptions(recipients.command('add <dir>').description('add a recipient by their age key ("age1…")'))
    .requiredOption('--name <name>', 'who this is, e.g. "UN WGAD secretariat"')
    .requiredOption('--key <age1…>', 'their age recipient key')
    .option('--minisign <pubkey>', 'their minisign public key (base64 line or .pub file), to check what they send')
    .option('--kind <kind>', `one of ${RECIPIENT_KINDS.join(', ')} (default organisation)`)
    .option('--notes <text>', 'notes, e.g. how and when the key was confirmed')
    .action(async (dir: string, opts: AddOpts) => {
      const k = kind(opts.kind);
      const minisign = minisignArg(opts.minisign);
      const row = await withVault(dir, opts, (vault) =>
        addRecipient(vault, {
          name: opts.name,
          ageRecipient: opts.key,
          ...(k ? { kind: k } : {}),
          ...(minisign ? { minisignPublicKey: minisign } : {}),
          ...(opts.notes ? { notes: opts.notes } : {}),
        }),
      );
      const r = shown(row);
      if (opts.json) return outJson(r);
      out(`Added ${r.kind} "${r.name}" (${r.id})`);
      out(`  age key fingerprint:      ${r.fingerprints.age}`);
      if (r.fingerprints.minisign) out(`  minisign key fingerprint: ${r.fingerprints.minisign}`);
      out(COMPARE_ADVICE);
    });

  vaultOptions(recipients.command('list <dir>').description('list the address book')).action(
    async (dir: string, opts: JsonOpts) => {
      const rows = (await withVault(dir, opts, (vault) => listRecipients(vault.db))).map(shown);
      if (opts.json) return outJson(rows);
      if (rows.length === 0)
        return out(
          'The address book is empty. Add a recipient with: vigil recipients add <vault> --name NAME --key age1…',
        );
      for (const r of rows) {
        out(`${r.id}  ${r.kind.padEnd(12)} ${r.name}`);
        out(`    ${r.ageRecipient}  (${r.fingerprints.age})`);
        if (r.minisignPublicKey) out(`    minisign ${r.minisignPublicKey}  (${r.fingerprints.minisign ?? ''})`);
        if (r.notes) out(`    ${r.notes}`);
      }
    },
  );

  vaultOptions(recipients.command('remove <dir> <recipient>').description('remove a recipient by id or name')).action(
    async (dir: string, ref: string, opts: JsonOpts) => {
      const row = await withVault(dir, opts, (vault) => removeRecipient(vault, ref));
      if (opts.json) return outJson(shown(row));
      out(`Removed "${row.name}" (${row.id}) from the address book.`);
    },
  );
}

/** `vigil identity`: the member's age recipient and minisign public key, with fingerprints. */
export function registerIdentityCommand(program: Command): void {
  vaultOptions(
    program
      .command('identity <dir>')
      .description('print your age recipient and minisign public key, with fingerprints to compare'),
  ).action(async (dir: string, opts: JsonOpts) => {
    const shownId = await withVault(dir, opts, (vault) => {
      const { ageRecipient, minisignPublicKey, minisignKeyId, fingerprints } = memberPublicIdentity(vault);
      return { member: vault.member.name, ageRecipient, minisignPublicKey, minisignKeyId, fingerprints };
    });
    if (opts.json) return outJson(shownId);
    out(`Identity of ${shownId.member} in this vault`);
    out('');
    out('To send you packages (age recipient):');
    out(`  ${shownId.ageRecipient}`);
    out(`  fingerprint: ${shownId.fingerprints.age}`);
    out('');
    out(
      `To check your signatures (minisign public key, key id ${shownId.minisignKeyId}; the next two lines are ` +
        `its .pub file):`,
    );
    out(shownId.minisignPublicKey.trimEnd());
    out(`  fingerprint: ${shownId.fingerprints.minisign}`);
    out('');
    out(COMPARE_ADVICE);
  });
}
