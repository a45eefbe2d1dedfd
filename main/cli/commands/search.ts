import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { recordHash } from '../../evidence/record-hash';
import { resolveCaseId, resolvePersonId } from '../../evidence/resolve';
import { rebuildSearchIndex } from '../../evidence/search/index-store';
import { SEARCH_KINDS, type SearchDoc } from '../../evidence/search/search-doc';
import { search, type SearchFilters, type SearchHit } from '../../evidence/search/search';
import type { ReadDb } from '../../vault/database';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

interface SearchOptions extends SecretOptions {
  case?: string;
  kind: string[];
  person?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function whole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new VigilError('INVALID_INPUT', `${flag} takes a whole number; got "${value}".`);
  return Number(value);
}

function toKinds(values: string[]): SearchDoc['kind'][] {
  return values.map((k) => {
    const kind = SEARCH_KINDS.find((known) => known === k);
    if (!kind) throw new VigilError('INVALID_INPUT', `Unknown kind "${k}". Use one of: ${SEARCH_KINDS.join(', ')}.`);
    return kind;
  });
}

/** The filters the options describe, with the case and person resolved from ids, references or codes. */
function filtersFrom(db: ReadDb, opts: SearchOptions): SearchFilters {
  const filters: SearchFilters = {};
  if (opts.case !== undefined) filters.caseId = resolveCaseId(db, opts.case);
  if (opts.person !== undefined) filters.personId = resolvePersonId(db, opts.person);
  if (opts.kind.length) filters.kinds = toKinds(opts.kind);
  if (opts.from !== undefined) filters.dateFrom = opts.from;
  if (opts.to !== undefined) filters.dateTo = opts.to;
  const limit = whole(opts.limit, '--limit');
  const offset = whole(opts.offset, '--offset');
  if (limit !== undefined) filters.limit = limit;
  if (offset !== undefined) filters.offset = offset;
  return filters;
}

// Stored text may hold escape sequences; a terminal must never interpret them (C0, DEL and C1 controls become spaces).
function printable(text: string): string {
  let clean = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    clean += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : ch;
  }
  return clean;
}

/** The snippet with its matches in bold on a terminal, in [brackets] otherwise. */
export function markSnippet(hit: Pick<SearchHit, 'snippet' | 'highlights'>, tty: boolean): string {
  const [open, close] = tty ? ['\u001b[1m', '\u001b[22m'] : ['[', ']'];
  let text = '';
  let at = 0;
  for (const [start, end] of hit.highlights) {
    text += printable(hit.snippet.slice(at, start)) + open + printable(hit.snippet.slice(start, end)) + close;
    at = end;
  }
  return text + printable(hit.snippet.slice(at));
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Where to open the hit: the ids a person passes to the other commands. */
function locator(hit: SearchHit): string {
  const ctx = hit.context;
  const parts =
    hit.kind === 'segment'
      ? [
          `interview ${ctx?.interviewId ?? '?'}`,
          `segment ${ctx?.position ?? '?'}`,
          ...(ctx?.startMs != null ? [`at ${clock(ctx.startMs)}`] : []),
        ]
      : [`${hit.kind} ${hit.refId}`];
  return [...parts, ...(hit.caseId ? [`case ${hit.caseId}`] : [])].join('  ');
}

function printHits(hits: SearchHit[], total: number | undefined, tookMs: number): void {
  const tty = Boolean(process.stdout.isTTY);
  for (const hit of hits) {
    out(`${hit.kind}  ${printable(hit.title) || '(untitled)'}${hit.date ? `  ${hit.date}` : ''}`);
    out(`  ${markSnippet(hit, tty)}`);
    out(`  ${locator(hit)}`);
    out();
  }
  const count =
    total === undefined
      ? `${hits.length} shown (many matches: the best of a sample; narrow the search with --case or more words)`
      : `${hits.length} shown of ${total}`;
  out(`${count}, ${tookMs.toFixed(1)} ms`);
}

/** `vigil search` and `vigil reindex`. */
export function registerSearchCommands(program: Command): void {
  program
    .command('search <dir> <query>')
    .description(
      'full-text search: words are ANDed, "a phrase", word* for a prefix, OR, -word to exclude (put -- before ' +
        'a query that starts with -)',
    )
    .option('--case <case>', 'only this case (id or reference)')
    .option('--kind <kind>', `only this kind (${SEARCH_KINDS.join(', ')}); repeat for several`, collect, [])
    .option('--person <person>', 'only records about this person (id or code)')
    .option('--from <date>', 'only records dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'only records dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--limit <n>', 'how many hits (default 20, at most 500)')
    .option('--offset <n>', 'skip this many hits (next page)')
    .option('--json', 'print the result as JSON')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, query: string, opts: SearchOptions) => {
      await withVault(dir, opts, (vault) => {
        const result = search(vault.db, query, filtersFrom(vault.db, opts));
        if (opts.json) outJson(result);
        else printHits(result.hits, result.total, result.tookMs);
      });
    });

  program
    .command('reindex <dir>')
    .description('rebuild the search index from the records (a repair tool; the records themselves are not changed)')
    .option('--json', 'print the result as JSON')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions & { json?: boolean }) => {
      await withVault(dir, opts, (vault) => {
        const { result } = vault.change((db) => {
          const rebuilt = rebuildSearchIndex(db);
          // A count holds nothing to guess, so this hash keeps the first (unsalted) rule.
          return {
            result: rebuilt,
            custody: {
              action: 'search.rebuilt',
              subject: vault.vaultId,
              hash: recordHash(rebuilt),
              data: { rows: rebuilt.rows },
            },
          };
        });
        if (opts.json) outJson(result);
        else out(`Search index rebuilt: ${result.rows} rows.`);
      });
    });
}
