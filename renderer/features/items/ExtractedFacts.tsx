/** Facts read from the file at ingest: the safe ones, and apart, flagged, those that can locate or identify someone. */
import { Alert, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { factText, type ItemDetail } from './format';

function FactTable({ facts, caption }: { facts: Record<string, unknown>; caption: string }): React.JSX.Element {
  return (
    <Table withRowBorders={false} verticalSpacing={2} captionSide="top">
      <Table.Caption className="visually-hidden-caption">{caption}</Table.Caption>
      <Table.Tbody>
        {Object.entries(facts).map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" className="item-facts__key">
              {key}
            </Table.Th>
            <Table.Td className="item-facts__value">{factText(value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The extracted metadata of an item. */
export function ExtractedFacts({ detail }: { detail: ItemDetail }): React.JSX.Element {
  const { t } = useTranslation('items');
  const hasFacts = Object.keys(detail.metadata).length > 0;
  const hasSensitive = Object.keys(detail.sensitive).length > 0;
  return (
    <>
      {hasFacts ? (
        <FactTable facts={detail.metadata} caption={t('facts.caption')} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('facts.none')}
        </Text>
      )}
      {hasSensitive && (
        <Alert color="orange" variant="light" title={t('facts.sensitiveTitle')} data-testid="sensitive-facts">
          <Text size="sm">{t('facts.sensitiveNote')}</Text>
          <FactTable facts={detail.sensitive} caption={t('facts.sensitiveTitle')} />
        </Alert>
      )}
      {detail.extractionStatus === 'failed' && detail.extractionError !== null && (
        <Text size="sm" c="dimmed">
          {t('facts.extractionFailed', { reason: detail.extractionError })}
        </Text>
      )}
    </>
  );
}
