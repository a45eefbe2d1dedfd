import type { Command } from 'commander';
import { PERSON_ROLES, type PersonRole } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { addPerson, displayName, getPerson, listPeople, type PersonRow } from '../../evidence/people';
import { resolveCaseId, resolvePersonId } from '../../evidence/resolve';
import { collect, vaultOptions } from '../options';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type JsonOpts = SecretOptions & { json?: boolean; revealNames?: boolean };

function role(value: string): PersonRole {
  if (!(PERSON_ROLES as readonly string[]).includes(value))
    throw new VigilError('INVALID_INPUT', `Unknown role "${value}". Use one of: ${PERSON_ROLES.join(', ')}.`);
  return value as PersonRole;
}

/** A person for output: the code always, the sensitive fields only with consent or when asked. */
function shownPerson(p: PersonRow, reveal: boolean): Partial<PersonRow> & { code: string } {
  if (reveal || p.consent.named) return p;
  const { name: _name, aliases: _aliases, contact: _contact, ...rest } = p;
  return rest;
}

/** `vigil person add|list|show`. */
export function registerPeopleCommands(program: Command): void {
  const person = program.command('person').description('people: add, list, show (named by protective code)');

  vaultOptions(
    person
      .command('add <dir>')
      .description('add a person to a case in a role; a code like W-014 is generated unless given'),
  )
    .requiredOption('--case <case>', 'case id or reference')
    .requiredOption('--role <role>', PERSON_ROLES.join(', '))
    .requiredOption('--name <name>', 'the real name (kept inside the vault)')
    .option('--alias <alias>', 'another name the person is known by (repeatable)', collect, [])
    .option('--code <code>', 'a protective code of your choice, e.g. W-014')
    .option('--consent-named', 'the person consented to being named')
    .option('--share-with <body>', 'a body the person consented to share with (repeatable)', collect, [])
    .action(
      async (
        dir: string,
        opts: JsonOpts & {
          case: string;
          role: string;
          name: string;
          alias: string[];
          code?: string;
          consentNamed?: boolean;
          shareWith: string[];
        },
      ) => {
        const r = role(opts.role);
        const row = await withVault(dir, opts, (vault) =>
          addPerson(vault, {
            caseId: resolveCaseId(vault.db, opts.case),
            role: r,
            name: opts.name,
            aliases: opts.alias,
            ...(opts.code ? { code: opts.code } : {}),
            consent: { named: Boolean(opts.consentNamed), shareWith: opts.shareWith },
          }),
        );
        if (opts.json) return outJson(row);
        out(`Added ${row.code} (${r}) — ${row.id}`);
      },
    );

  vaultOptions(person.command('list <dir>').description('people by code, with roles and consent'))
    .option('--case <case>', 'only people in this case')
    .option('--reveal-names', 'show real names')
    .action(async (dir: string, opts: JsonOpts & { case?: string }) => {
      const rows = await withVault(dir, opts, (vault) =>
        listPeople(vault.db, opts.case ? { caseId: resolveCaseId(vault.db, opts.case) } : {}),
      );
      if (opts.json) return outJson(rows.map((p) => shownPerson(p, Boolean(opts.revealNames))));
      for (const p of rows) {
        const consent = p.consent.named ? 'may be named' : 'code only';
        out(
          `${p.code.padEnd(8)} ${(opts.revealNames || p.consent.named ? p.name : '').padEnd(30)} ` +
            `${[...new Set(p.roles.map((x) => x.role))].join(', ').padEnd(20)} ${consent}  ${p.id}`,
        );
      }
    });

  vaultOptions(person.command('show <dir> <person>').description('one person (by id or code)'))
    .option('--reveal-names', 'show the real name, aliases and contact details')
    .action(async (dir: string, ref: string, opts: JsonOpts) => {
      const p = await withVault(dir, opts, (vault) => getPerson(vault.db, resolvePersonId(vault.db, ref)));
      const shown = shownPerson(p, Boolean(opts.revealNames));
      if (opts.json) return outJson(shown);
      out(`${displayName(p, opts.revealNames)} — ${p.id}`);
      if (shown.aliases?.length) out(`Aliases: ${shown.aliases.join(', ')}`);
      if (shown.contact) out(`Contact: ${shown.contact}`);
      for (const r of p.roles) out(`Role: ${r.role} in case ${r.caseId}`);
      out(
        `Consent: ` +
          `${p.consent.named ? 'may be named' : 'to be named by code only'}${p.consent.shareWith.length ? `; may be shared with ` + `${p.consent.shareWith.join(', ')}` : ''}${p.consent.date ? ` (given ` + `${p.consent.date}${p.consent.method ? `, ${p.consent.method}` : ''})` : ''}`,
      );
    });
}
