/** The selected item: its viewer, facts, hashes, metadata (with Edit) and derivatives. */
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Divider,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { Derivatives } from './Derivatives';
import { ExtractedFacts } from './ExtractedFacts';
import { formatBytes } from '../../../shared/format';
import { formatPartialDate, type ItemDetail } from './format';
import { ItemMetadataForm } from './ItemMetadataForm';
import { ItemViewer } from './ItemViewer';
import { RedactTools } from './RedactTools';
import type { RedactionBox } from '../../../shared/redaction';

function Summary({ detail, onOpen }: { detail: ItemDetail; onOpen: (id: string) => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('items');
  const a = detail.acquisition ?? {};
  const lines: [string, string][] = [
    [t('detail.kind'), t(`kind.${detail.kind}`)],
    [t('detail.date'), formatPartialDate(detail.date, detail.dateApprox, i18n.language) || t('detail.noDate')],
    [
      t('detail.file'),
      `${detail.fileName} · ${formatBytes(detail.size, i18n.language)} · ` +
        `${detail.mediaType ?? t('detail.unknownType')}`,
    ],
    [t('detail.acquired'), [a.who, a.when, a.how].filter(Boolean).join(' · ') || '—'],
  ];
  return (
    <Stack gap={4}>
      <dl className="item-summary">
        {lines.map(([k, v]) => (
          <div key={k} className="item-summary__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div className="item-summary__row">
          <dt>SHA-256</dt>
          <dd className="item-summary__hash">{detail.sha256}</dd>
        </div>
      </dl>
      {a.note ? <Text size="sm">{a.note}</Text> : null}
      {detail.derivativeOf !== null && (
        <UnstyledButton className="item-derivatives__open" onClick={() => onOpen(detail.derivativeOf ?? '')}>
          <Text size="sm" c="blue">
            {t('detail.derivativeOf', { kind: detail.derivativeKind ?? '' })}
          </Text>
        </UnstyledButton>
      )}
    </Stack>
  );
}

/** The detail panel of item `id`; `onClose` hides it, `onOpen` selects another item. */
export function ItemDetailPanel({
  id,
  caseId,
  onClose,
  onOpen,
}: {
  id: string;
  caseId: string;
  onClose: () => void;
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const [editing, setEditing] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [boxes, setBoxes] = useState<RedactionBox[]>([]);
  const detail = useApiQuery('items:get', { id });
  if (detail.isPending) return <Loader role="status" size="sm" aria-label={t('viewer.loading')} />;
  if (detail.isError) return <Alert color="red">{detail.error.message}</Alert>;
  const d = detail.data;
  return (
    <section className="item-detail" aria-labelledby="item-detail-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id="item-detail-title" className="item-detail__title">
            {d.title}
          </Title>
          <CloseButton onClick={onClose} aria-label={t('detail.close')} />
        </Group>
        <ItemViewer
          key={d.id}
          detail={d}
          editing={
            drawing ? { boxes, onAdd: (b) => setBoxes((all) => [...all, b]), label: t('redact.overlay') } : undefined
          }
        />
        <RedactTools detail={d} caseId={caseId} state={{ drawing, boxes, setDrawing, setBoxes }} onOpen={onOpen} />
        <Divider />
        {editing ? (
          <ItemMetadataForm key={d.id} detail={d} caseId={caseId} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Summary detail={d} onOpen={onOpen} />
            <Group>
              <Button variant="default" size="compact-sm" onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </Button>
            </Group>
          </>
        )}
        <Title order={3} size="h5">
          {t('facts.heading')}
        </Title>
        <ExtractedFacts detail={d} />
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('derivatives.heading')}
          </Title>
          <Badge size="sm" variant="light" color="gray">
            {d.derivatives.length}
          </Badge>
        </Group>
        <Derivatives detail={d} onOpen={onOpen} />
      </Stack>
    </section>
  );
}
