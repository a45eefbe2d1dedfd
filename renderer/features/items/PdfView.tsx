/**
 * Draws a PDF's pages with pdf.js, in the page: the worker is bundled and
 * served from the app itself (the CSP allows scripts from 'self' only); pdf.js 6
 * has no eval path left (tests/unit/ingest/pdfjs-no-eval.test.ts). If the document cannot be
 * drawn, `fallback` (the extracted text) is shown with a note.
 */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { getDocument, GlobalWorkerOptions, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BoxOverlay, type BoxEditing } from './BoxOverlay';

GlobalWorkerOptions.workerSrc = workerUrl;

const RENDER_WIDTH = 900;

/** The PDF at `url`, a page at a time; with `editing`, boxes are drawn over the page. */
export function PdfView({
  url,
  title,
  fallback,
  editing,
}: {
  url: string;
  title: string;
  fallback: ReactNode;
  editing?: BoxEditing | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [pageNo, setPageNo] = useState(1);
  // The page's size at scale 1: PDF points, as displayed (rotation and crop box applied), the unit of redaction boxes.
  const [pageSize, setPageSize] = useState<{ width: number; height: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let task: PDFDocumentLoadingTask | null = null;
    const load = async (): Promise<void> => {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = new Uint8Array(await response.arrayBuffer());
      task = getDocument({ data, enableXfa: false });
      const opened = await task.promise;
      if (live) setDoc(opened);
    };
    load().catch(() => live && setFailed(true));
    return () => {
      live = false;
      // Destroying the loading task ends the document and its worker (pdf.js 6 has no document.destroy()).
      void task?.destroy();
    };
  }, [url]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (doc === null || canvas === null) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    const draw = async (): Promise<void> => {
      const page = await doc.getPage(pageNo);
      const base = page.getViewport({ scale: 1 });
      setPageSize({ width: base.width, height: base.height });
      const viewport = page.getViewport({ scale: RENDER_WIDTH / base.width });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      task = page.render({ canvas, viewport });
      await task.promise;
    };
    draw().catch(() => undefined);
    return () => task?.cancel();
  }, [doc, pageNo]);

  if (failed) {
    return (
      <Stack gap="xs">
        <Alert color="blue" variant="light">
          {t('viewer.pdfNote')}
        </Alert>
        {fallback}
      </Stack>
    );
  }
  if (doc === null) return <Loader role="status" size="sm" aria-label={t('viewer.loading')} />;
  return (
    <Stack gap="xs">
      <div className="redact-frame">
        <canvas
          ref={canvasRef}
          className="item-pdf"
          role="img"
          aria-label={t('viewer.pdfPage', { title, page: pageNo, pages: doc.numPages })}
          data-testid="item-pdf"
        />
        {editing && pageSize && (
          <BoxOverlay page={pageNo - 1} width={pageSize.width} height={pageSize.height} editing={editing} />
        )}
      </div>
      <Group justify="space-between">
        <Button size="compact-sm" variant="default" disabled={pageNo <= 1} onClick={() => setPageNo((p) => p - 1)}>
          {t('viewer.previousPage')}
        </Button>
        <Text size="sm">{t('viewer.pageOf', { page: pageNo, pages: doc.numPages })}</Text>
        <Button
          size="compact-sm"
          variant="default"
          disabled={pageNo >= doc.numPages}
          onClick={() => setPageNo((p) => p + 1)}
        >
          {t('viewer.nextPage')}
        </Button>
      </Group>
      {fallback}
    </Stack>
  );
}
