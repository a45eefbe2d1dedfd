/**
 * Shows an item's content: images, audio and video stream from the media
 * route (decrypted on the fly, with byte ranges); PDFs are drawn with pdf.js
 * above their extracted text; text shows the text extracted at ingest.
 */
import { Alert, Loader, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/errors';
import { useApiQuery } from '../../api/queries';
import { BoxOverlay, type BoxEditing } from './BoxOverlay';
import { viewerFor, type ItemDetail } from './format';

function TextView({ id, label }: { id: string; label: string }): React.JSX.Element {
  const { t } = useTranslation('items');
  const text = useApiQuery('items:text', { id });
  if (text.isPending) return <Loader role="status" size="sm" aria-label={t('viewer.loading')} />;
  if (text.isError) return <Alert color="red">{text.error.message}</Alert>;
  if (text.data.text === '') return <Text c="dimmed">{t('viewer.noText')}</Text>;
  return (
    // Focusable so the scrolled text can be read with the keyboard.
    <pre className="item-text" tabIndex={0} aria-label={label} data-testid="item-text">
      {text.data.text}
    </pre>
  );
}

/**
 * An image, with boxes drawn over it in its pixels as shown (the browser applies EXIF orientation, as redaction does).
 */
function ImageView({
  detail,
  url,
  editing,
}: {
  detail: ItemDetail;
  url: string;
  editing: BoxEditing | undefined;
}): React.JSX.Element {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  return (
    <div className="redact-frame redact-frame--image">
      <img
        className="item-image"
        src={url}
        alt={detail.title}
        data-testid="item-image"
        onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
      />
      {editing && size && <BoxOverlay page={0} width={size.width} height={size.height} editing={editing} />}
    </div>
  );
}

function MediaView({
  detail,
  kind,
  editing,
}: {
  detail: ItemDetail;
  kind: 'image' | 'audio' | 'video';
  editing: BoxEditing | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const media = useApiQuery('items:media-url', { id: detail.id });
  if (media.isPending) return <Loader role="status" size="sm" aria-label={t('viewer.loading')} />;
  if (media.isError) return <Alert color="red">{media.error.message}</Alert>;
  const url = media.data.url;
  switch (kind) {
    case 'image':
      return <ImageView detail={detail} url={url} editing={editing} />;
    case 'audio':
      return <audio className="item-audio" controls preload="metadata" src={url} aria-label={detail.title} />;
    case 'video':
      return (
        <video className="item-video" controls preload="metadata" src={url} aria-label={detail.title}>
          <track kind="captions" />
        </video>
      );
    default:
      return assertNever(kind, 'media viewer');
  }
}

// pdf.js is large: loaded (from the app's own files) only when a PDF is opened.
const PdfView = lazy(async () => ({ default: (await import('./PdfView')).PdfView }));

function PdfItem({ detail, editing }: { detail: ItemDetail; editing: BoxEditing | undefined }): React.JSX.Element {
  const { t } = useTranslation('items');
  const media = useApiQuery('items:media-url', { id: detail.id });
  const text = <TextView id={detail.id} label={t('viewer.textLabel', { title: detail.title })} />;
  if (media.isPending) return <Loader role="status" size="sm" aria-label={t('viewer.loading')} />;
  if (media.isError) return text;
  return (
    <Suspense fallback={<Loader role="status" size="sm" aria-label={t('viewer.loading')} />}>
      <PdfView url={media.data.url} title={detail.title} fallback={text} editing={editing} />
    </Suspense>
  );
}

/** The right viewer for the item; with `editing`, redaction boxes are drawn over a PDF page or an image. */
export function ItemViewer({
  detail,
  editing,
}: {
  detail: ItemDetail;
  editing?: BoxEditing | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const kind = viewerFor(detail.mediaType, detail.textLength > 0);
  switch (kind) {
    case 'image':
    case 'audio':
    case 'video':
      return <MediaView detail={detail} kind={kind} editing={kind === 'image' ? editing : undefined} />;
    case 'pdf':
      return <PdfItem detail={detail} editing={editing} />;
    case 'text':
      return <TextView id={detail.id} label={t('viewer.textLabel', { title: detail.title })} />;
    case 'none':
      return <Text c="dimmed">{t('viewer.none')}</Text>;
    default:
      return assertNever(kind, 'viewer');
  }
}
