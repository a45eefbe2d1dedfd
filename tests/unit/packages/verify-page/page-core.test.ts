import { describe, expect, it } from 'vitest';
import { generateX25519Identity } from '../../../../main/crypto/age';
import { identitiesFromText, pageIdentities } from '../../../../main/packages/verify-page/page-core';

describe('verify-page/page-core', () => {
  it('reads an identity file as vigil verify --identity does: comments and blank lines skipped', () => {
    const a = generateX25519Identity();
    const b = generateX25519Identity();
    const ids = identitiesFromText(
      `# created: by age-keygen\r\n# public key: ${a.recipient}\r\n${a.identity}\r\n\r\n  ${b.identity}  \n`,
    );
    expect(ids.map((i) => (i.kind === 'x25519' ? Buffer.from(i.secretKey).toString('hex') : ''))).toEqual([
      Buffer.from(a.secretKey).toString('hex'),
      Buffer.from(b.secretKey).toString('hex'),
    ]);
  });

  it('refuses a file with a line that is not an identity, or with none', () => {
    expect(() => identitiesFromText(`${generateX25519Identity().identity}\nage1notakey\n`)).toThrow(
      /not an age identity/,
    );
    expect(() => identitiesFromText('# only a comment\n')).toThrow(/holds no age identity/);
  });

  it('takes a passphrase as UTF-8 bytes, as age does, with a work factor a browser tab can give', () => {
    expect(pageIdentities({ passphrase: 'пароль é' })).toEqual([
      { kind: 'scrypt', passphrase: new TextEncoder().encode('пароль é'), maxLogN: 20 },
    ]);
  });
});
