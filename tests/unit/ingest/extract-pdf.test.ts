import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../main/ingest/extract-pdf';
import { makeManyPagePdf } from './fixtures';

describe('ingest/extract-pdf/extractPdf', () => {
  it('reads every page when time allows, and says nothing of a page budget', async () => {
    const out = await extractPdf(new Uint8Array(makeManyPagePdf(5)), 1_000_000);
    expect(out).toMatchObject({ status: 'ok', metadata: { pageCount: 5 } });
    expect(out.status === 'ok' ? out.text : '').toContain('Page 5 of the request register');
    expect(out.status === 'ok' ? out.metadata['pagesRead'] : 'failed').toBeUndefined();
  });

  it(
    'stops reading pages when its time budget is spent, ' + 'keeping the page count and saying how many were read',
    async () => {
      const out = await extractPdf(new Uint8Array(makeManyPagePdf(50)), 1_000_000, 0);
      expect(out).toMatchObject({ status: 'ok', metadata: { pageCount: 50, pagesRead: 0 } });
    },
  );
});
