import { describe, expect, it } from 'vitest';
import { redactIsolated } from '../../../../main/evidence/redact/redact-isolated';
import { makePdf } from '../../../e2e/media';
import { tempDir } from '../../../helpers/vault';

const PDF = makePdf(['A line to keep']);

describe('evidence/redact/redactIsolated', () => {
  it('answers with the error the worker met, as the same VigilError code', async () => {
    await expect(
      redactIsolated({
        medium: 'pdf',
        input: new Uint8Array(PDF),
        boxes: [{ page: 3, x: 0, y: 0, width: 1, height: 1 }],
        terms: [],
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/page 3 but the PDF has 1 page/) as unknown,
    });
  });

  it('gives up a redaction that overruns its time and ends the thread', async () => {
    await expect(redactIsolated({ medium: 'image', input: new Uint8Array(PDF), boxes: [] }, 1)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/took longer than 0 s/) as unknown,
    });
  });

  it('refuses to run without its worker file rather than parse in the calling thread', async () => {
    await expect(
      redactIsolated({ medium: 'image', input: new Uint8Array(1), boxes: [] }, 1000, tempDir()),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/redaction program is missing/) as unknown,
    });
  });
});
