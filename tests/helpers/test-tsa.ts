/**
 * A local RFC 3161 timestamp authority made with the real `openssl ts` and throwaway CAs in a
 * temp folder: a good TSA, one whose certificate had expired, one certified by another CA, and
 * one that rejects every request (it accepts only SHA-512 imprints).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Which TSA answers. */
export type TsaKind = 'good' | 'expired' | 'other-ca' | 'rejecting';

/** The TSA's folder and files. */
export interface TestTsa {
  dir: string;
  /** The CA that certifies the good and expired TSAs (PEM): the trust file to attach with. */
  caPem: string;
  /** Another CA (PEM), which certifies the `other-ca` TSA. */
  otherCaPem: string;
  /** Answers the request in `tsq` as `kind` does; returns the .tsr path. */
  reply(tsq: string, kind?: TsaKind): string;
}

const CA_EXT = `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_tsa ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

// `openssl ca` is the only way in OpenSSL 3.0 to give a certificate dates in the past.
const CA_DB = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = ./index.txt
new_certs_dir = .
serial = ./ca-serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
`;

function tsaConfig(signer: string, chain: string, digests: string): string {
  return `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = .
serial = ./tsa-serial
crypto_device = builtin
signer_cert = ./${signer}
certs = ./${chain}
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = ${digests}
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

/** Makes the CAs, TSA certificates and configurations in `dir` (a fresh folder). */
export function makeTestTsa(dir: string): TestTsa {
  const run = (args: string[]): string =>
    execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (name: string, text: string): void => fs.writeFileSync(path.join(dir, name), text);
  write('ext.cnf', CA_EXT);
  write('ca-db.cnf', CA_DB);
  write('index.txt', '');
  write('ca-serial', '1000\n');
  write('tsa-serial', '01\n');
  for (const [name, cn] of [
    ['ca', 'Vigil Test Root CA (fictional)'],
    ['other-ca', 'Unrelated Test CA (fictional)'],
  ] as const) {
    run([
      'req',
      '-x509',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '3650',
      '-config',
      'ext.cnf',
      '-extensions',
      'v3_ca',
      '-subj',
      `/CN=${cn}`,
    ]);
  }
  run([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    '/O=Example Timestamping (fictional)/CN=Test TSA',
  ]);
  run([
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '2',
    '-out',
    'tsa.pem',
    '-days',
    '365',
    '-extfile',
    'ext.cnf',
    '-extensions',
    'v3_tsa',
  ]);
  run([
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'other-ca.pem',
    '-CAkey',
    'other-ca.key',
    '-set_serial',
    '3',
    '-out',
    'tsa-other.pem',
    '-days',
    '365',
    '-extfile',
    'ext.cnf',
    '-extensions',
    'v3_tsa',
  ]);
  run([
    'ca',
    '-batch',
    '-config',
    'ca-db.cnf',
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    'tsa.csr',
    '-out',
    'tsa-expired.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20210101000000Z',
    '-extfile',
    'ext.cnf',
    '-extensions',
    'v3_tsa',
    '-notext',
  ]);
  write('good.cnf', tsaConfig('tsa.pem', 'ca.pem', 'sha256, sha384, sha512'));
  write('expired.cnf', tsaConfig('tsa-expired.pem', 'ca.pem', 'sha256, sha384, sha512'));
  write('other-ca.cnf', tsaConfig('tsa-other.pem', 'other-ca.pem', 'sha256, sha384, sha512'));
  write('rejecting.cnf', tsaConfig('tsa.pem', 'ca.pem', 'sha512'));
  let n = 0;
  return {
    dir,
    caPem: path.join(dir, 'ca.pem'),
    otherCaPem: path.join(dir, 'other-ca.pem'),
    reply(tsq, kind = 'good') {
      const out = path.join(dir, `reply-${++n}-${kind}.tsr`);
      run(['ts', '-reply', '-config', `${kind}.cnf`, '-queryfile', tsq, '-out', out]);
      return out;
    },
  };
}
