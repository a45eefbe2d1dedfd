import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { memberFingerprint as fingerprint } from '../../api/settings';
import { vaultStatus } from '../../api/vault';
import { createVault } from '../../vault/create';
import { listMembers } from '../../vault/members';
import { addMember, changePassphrase, removeMember, replaceRecoveryCode } from '../../vault/passphrases';
import { revealKeys } from '../../vault/reveal';
import { formatBytes } from '../../../shared/format';
import { out, outJson } from '../output';
import { readNewPassphrase, readUnlockSecret, secretText, promptHidden, type SecretOptions } from '../secrets';
import { kdfForNewSlots, withUnlockedVault, withVault } from '../unlock';

/** `vigil init`, `status`, `passwd` and `keys`. */
export function registerVaultCommands(program: Command): void {
  program
    .command('init <dir>')
    .description('create a new vault in an empty folder; prints the recovery code once')
    .option('--name <name>', "the first member's name", process.env.USER ?? 'investigator')
    .option('--passphrase-file <file>', 'read the new passphrase from the first line of a file')
    .action(async (dir: string, opts: { name: string; passphraseFile?: string }) => {
      const passphrase = await readNewPassphrase('VIGIL_PASSPHRASE', opts.passphraseFile);
      const { vault, recoveryCode } = await createVault(dir, {
        memberName: opts.name,
        passphrase,
        ...(await kdfForNewSlots()),
      });
      const member = vault.member;
      await vault.close();
      out(`Created vault ${vault.vaultId} in ${dir}`);
      out(`Member: ${member.name}`);
      out(`Signing key fingerprint: ${fingerprint(member.publicKeyHex)}`);
      out('');
      out('RECOVERY CODE (shown once: write it down and keep it apart from this computer):');
      out(`  ${recoveryCode}`);
      out('With it, a member who forgets their passphrase can unlock the vault and set a new one.');
    });

  program
    .command('status <dir>')
    .description('counts, format version, custody size and root')
    .option('--json', 'print JSON')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions & { json?: boolean }) => {
      const status = await withVault(dir, opts, (vault) => vaultStatus(vault));
      if (opts.json) return outJson(status);
      out(`Vault ${status.vaultId} (format ${status.formatVersion}, schema ${status.schemaVersion})`);
      out(`Unlocked by ${status.member.name} (${fingerprint(status.member.publicKey)})`);
      out(
        `Members: ${status.counts.members}   Items: ${status.counts.items}   Objects: ${status.counts.objects} ` +
          `(${formatBytes(status.counts.bytes)})`,
      );
      out(`Custody log: ${status.custody.size} entries, root ${status.custody.root}`);
      const cp = status.latestCheckpoint;
      out(
        cp
          ? `Latest checkpoint: ${cp.size} entries at ${cp.createdAt}`
          : 'No checkpoint yet ("vigil checkpoint" makes one).',
      );
    });

  registerPasswd(program);
  registerKeys(program);
}

function registerPasswd(program: Command): void {
  program
    .command('passwd <dir> <action> [member]')
    .description(
      'add a member (add), change your passphrase (change), replace the recovery code (recovery), remove a ' +
        'member (remove <member>), list members (list)',
    )
    .option('--name <name>', "with add: the new member's name")
    .option('--passphrase-file <file>', 'read the current passphrase from a file')
    .option('--new-passphrase-file <file>', 'read the new passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code (then set a new passphrase with "change")')
    .action(
      async (
        dir: string,
        action: string,
        memberArg: string | undefined,
        opts: SecretOptions & { name?: string; newPassphraseFile?: string },
      ) => {
        const secret = await readUnlockSecret(opts);
        const kdf = await kdfForNewSlots();
        await withUnlockedVault(dir, secret, async (vault) => {
          switch (action) {
            case 'add': {
              if (!opts.name)
                throw new VigilError('INVALID_INPUT', 'Give the new member a name: vigil passwd <dir> add --name NAME');
              const pass = await readNewPassphrase(
                'VIGIL_NEW_PASSPHRASE',
                opts.newPassphraseFile,
                `Passphrase for ${opts.name}`,
              );
              const added = await addMember(vault, opts.name, pass, { ...kdf, currentSecret: secretText(secret) });
              return out(`Added member ${opts.name} (${added.id}), key fingerprint ${fingerprint(added.publicKeyHex)}`);
            }
            case 'change': {
              const pass = await readNewPassphrase('VIGIL_NEW_PASSPHRASE', opts.newPassphraseFile);
              const { rotated } = await changePassphrase(vault, pass, { ...kdf, currentSecret: secretText(secret) });
              out('Passphrase changed.');
              if (rotated)
                out(
                  `Your old signing key could not be recovered; your new key fingerprint is ` +
                    `${fingerprint(vault.member.publicKeyHex)}. The rotation is in the custody log.`,
                );
              return;
            }
            case 'recovery': {
              const { recoveryCode } = await replaceRecoveryCode(vault, { ...kdf, currentSecret: secretText(secret) });
              return printNewRecoveryCode(recoveryCode);
            }
            case 'remove': {
              if (!memberArg)
                throw new VigilError(
                  'INVALID_INPUT',
                  'Name the member to remove: vigil passwd <dir> remove <member id or name>',
                );
              const removed = await removeMember(vault, memberArg);
              return out(`Removed member ${removed.id}; their passphrase no longer opens the vault.`);
            }
            case 'list':
              for (const m of listMembers(vault.db))
                out(`${m.id}  ${fingerprint(m.publicKeyHex)}  ${m.name}${m.removedAt ? '  (removed)' : ''}`);
              return;
            default:
              throw new VigilError(
                'INVALID_INPUT',
                `Unknown passwd action "${action}": use add, change, recovery, remove or list.`,
              );
          }
        });
      },
    );
}

/** Shows a replacement recovery code once, with the same warning as `init`. */
function printNewRecoveryCode(recoveryCode: string): void {
  out('NEW RECOVERY CODE (shown once: write it down and keep it apart from this computer):');
  out(`  ${recoveryCode}`);
  out('The old recovery code no longer opens the vault. Destroy every copy of it.');
}

function registerKeys(program: Command): void {
  program
    .command('keys <dir>')
    .description('disaster recovery: print the raw SQLCipher key and the age identity of the objects')
    .option('--reveal', 'required: reveal the keys')
    .option('--yes', 'do not ask for confirmation (scripts)')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions & { reveal?: boolean; yes?: boolean }) => {
      if (!opts.reveal)
        throw new VigilError(
          'INVALID_INPUT',
          'Nothing to do: "vigil keys <dir> --reveal" prints the vault\'s raw keys.',
        );
      if (!opts.yes) {
        const answer = await promptHidden(
          'These keys open everything in the vault without a passphrase. Type "reveal" to print them: ',
        );
        if (answer.trim() !== 'reveal') throw new VigilError('CANCELLED', 'Not revealed.');
      }
      const keys = await revealKeys(dir, await readUnlockSecret(opts));
      out(`SQLCipher key (raw, hex): ${keys.sqlcipherKeyHex}`);
      out(`Blob identity (age):      ${keys.blobIdentity}`);
      out('See "Disaster recovery" in the README for how stock SQLCipher and age open the vault with these.');
    });
}
