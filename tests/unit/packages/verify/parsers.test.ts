import { describe, expect, it } from 'vitest';
import { encodeMinisignPublicKey, minisignKeyId } from '../../../../main/crypto/minisign';
import { parseEntryLine } from '../../../../main/packages/verify/entries-line';
import { parseKeysFile } from '../../../../main/packages/verify/keys-file';
import { parseReceipt } from '../../../../main/packages/verify/receipt-check';

const pub = Buffer.alloc(32, 7);
const hex = pub.toString('hex');
const block = (name: string, key: Buffer = pub): string =>
  `# ${name} ed25519:${key.toString('hex')}\n${encodeMinisignPublicKey(minisignKeyId(key), key)}\n`;

describe('packages/verify/parseKeysFile', () => {
  it('reads blocks of name, Ed25519 key and minisign key with a fingerprint', () => {
    const r = parseKeysFile(block('Ana Investigator') + block('member 0808080808080808', Buffer.alloc(32, 8)));
    expect(r.problems).toEqual([]);
    expect(r.keys.map((k) => [k.name, k.publicKey])).toEqual([
      ['Ana Investigator', hex],
      ['member 0808080808080808', Buffer.alloc(32, 8).toString('hex')],
    ]);
    expect(r.keys[0]?.fingerprint).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){5}$/);
  });

  it('refuses a block whose minisign key is not the key its heading names', () => {
    const text = block('Ana').replace(hex, Buffer.alloc(32, 9).toString('hex'));
    const r = parseKeysFile(text);
    expect(r.keys).toEqual([]);
    expect(r.problems[0]).toMatch(/not the Ed25519 key/);
  });

  it('reports stray lines and unreadable keys', () => {
    const r = parseKeysFile(`hello\n# Bo ed25519:${hex}\nuntrusted comment: x\nRWnotbase64!\n`);
    expect(r.keys).toEqual([]);
    expect(r.problems).toHaveLength(2);
  });
});

describe('packages/verify/parseEntryLine', () => {
  const entry = '{"a":"}\\"{","b":{"c":1}}';
  const proof = Buffer.alloc(32, 1).toString('base64');

  it('cuts the entry out byte for byte, even with braces and quotes in strings', () => {
    const r = parseEntryLine(`{"entry":${entry},"sig":"c2ln","index":3,"proof":["${proof}"]}`);
    expect(r.entryText).toBe(entry);
    expect(r).toMatchObject({ sig: 'c2ln', index: 3 });
    expect(r.proof[0]?.length).toBe(32);
  });

  it.each([
    ['not starting with entry', `{"sig":"x","entry":${entry},"index":0,"proof":[]}`, /does not start/],
    ['unclosed', '{"entry":{"a":1', /not closed/],
    ['no index', `{"entry":${entry},"sig":"x","proof":[]}`, /index/],
    ['negative index', `{"entry":${entry},"sig":"x","index":-1,"proof":[]}`, /index/],
    ['bad proof hash', `{"entry":${entry},"sig":"x","index":0,"proof":["AAAA"]}`, /32 bytes/],
    ['extra field', `{"entry":${entry},"sig":"x","index":0,"proof":[],"more":1}`, /unexpected/],
    ['not JSON', `{"entry":${entry},"sig":x}`, /JSON/],
  ])('refuses a line %s', (_name, line, why) => {
    expect(() => parseEntryLine(line)).toThrow(why);
  });
});

describe('packages/verify/parseReceipt', () => {
  const sha = 'a'.repeat(64);
  const text =
    `Vigil package receipt\npackage: p.tar.age\nbag: b\nitems:\n${sha}  ` +
    `data/items/001-x.txt\ncheckpoint:\nvigil/v\n1\nroot\n\n— sig\n`;

  it('reads fields, item lines and the checkpoint verbatim', () => {
    const r = parseReceipt(text);
    expect(r.fields.get('bag')).toBe('b');
    expect(r.items).toEqual([{ sha256: sha, path: 'data/items/001-x.txt' }]);
    expect(r.checkpoint).toBe('vigil/v\n1\nroot\n\n— sig\n');
  });

  it.each([
    ['another heading', text.replace('Vigil package receipt', 'Receipt'), /does not start/],
    ['a broken field line', text.replace('bag: b', 'bag b'), /field/],
    ['a broken item line', text.replace(`${sha}  `, 'zz  '), /sha256/],
    ['no checkpoint section', text.slice(0, text.indexOf('\ncheckpoint:')), /sections/],
  ])('refuses a receipt with %s', (_name, body, why) => {
    expect(() => parseReceipt(body)).toThrow(why);
  });
});
