/** `vigil checkpoint DIR --timestamp-request FILE` and `--attach FILE --tsa-cert PEM` (RFC 3161, DESIGN §3). */
import { attachTimestampFiles, writeTimestampRequest } from '../../custody/timestamps/files';
import { refusalMessage } from '../../custody/timestamps/timestamps';
import { out } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

function entries(n: number): string {
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

/** Writes a timestamp request over a checkpoint of the whole log and says how to send it. */
export async function timestampRequestCommand(dir: string, file: string, opts: SecretOptions): Promise<void> {
  const made = await withVault(dir, opts, (vault) => writeTimestampRequest(vault, file));
  process.stdout.write(made.checkpoint.note);
  out();
  out(
    `${made.reused ? 'The latest checkpoint covers the whole log; it' : 'This new checkpoint'} ` +
      `(${entries(made.checkpoint.size)}) is what the request asks to timestamp.`,
  );
  out(`Timestamp request written to ${file}: SHA-256 ${made.imprint}, nonce ${made.nonce}.`);
  out('Only that hash leaves the vault. From a connected machine, send it to an RFC 3161 timestamp authority:');
  out(`  curl --data-binary @${file} -H 'Content-Type: application/timestamp-query' https://TSA-URL/ > reply.tsr`);
  out("Then bring reply.tsr and the TSA's CA certificate (PEM) back and attach them:");
  out(`  vigil checkpoint ${dir} --attach reply.tsr --tsa-cert tsa-ca.pem`);
}

/** Verifies a TSA reply against the kept request and records it; a refusal sets exit status 1. */
export async function timestampAttachCommand(
  dir: string,
  file: string,
  tsaCert: string,
  opts: SecretOptions,
): Promise<void> {
  const outcome = await withVault(dir, opts, (vault) => attachTimestampFiles(vault, file, tsaCert));
  if (!outcome.ok) {
    process.stderr.write(`vigil: ${refusalMessage(outcome.reason)}\n`);
    process.exitCode = 1;
    return;
  }
  const v = outcome.value;
  out(
    `Timestamp attached: the custody log at ${entries(v.checkpointSize)} existed no later than ${v.genTime} ` +
      `(TSA ${v.tsa}).`,
  );
  out(`Token serial ${v.serial}, token SHA-256 ${v.tokenSha256}.`);
  out(`Root certificate SHA-256 ${v.rootFingerprint}: compare it with the fingerprint the TSA publishes.`);
  out('Recorded in the custody log as checkpoint.timestamped; packages exported from now on carry it.');
}
