/**
 * For a case brought in from a package: where it came from, and the sender's custody record
 * kept with it (entries, signed checkpoint, the signers' fingerprints to compare out of band).
 */
import { Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/queries';
import { FactsTable } from '../../../components/FactsTable';

/** Nothing for a case made in this vault. */
export function ProvenanceCard({ caseId }: { caseId: string }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('cases');
  const provenance = useApiQuery('cases:provenance', { id: caseId });
  if (provenance.data === undefined || provenance.data.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('provenance.title')}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('provenance.title')}
        </Title>
        {provenance.data.map((p) => (
          <Stack gap={4} key={`${p.packageId}-${p.importedAt}`}>
            <Text size="sm">
              {t('provenance.imported', { date: new Date(p.importedAt).toLocaleString(i18n.language) })}{' '}
              <Code>{p.packageId}</Code>
            </Text>
            {p.updateOf !== null && (
              <Text size="sm">
                {t('provenance.updateOf')} <Code>{p.updateOf}</Code>
              </Text>
            )}
            <Text size="sm">
              {t('provenance.sourceVault')} <Code>{p.sourceVault}</Code>
            </Text>
            <Text size="sm">
              {p.checkpointSize === null
                ? t('provenance.recordNoCheckpoint', { entries: p.entries })
                : t('provenance.record', { entries: p.entries, size: p.checkpointSize })}
            </Text>
            {p.signers.length > 0 && (
              <FactsTable
                label={t('provenance.signers')}
                rows={p.signers.map((s) => [s.name, <Code key={s.fingerprint}>{s.fingerprint}</Code>])}
              />
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
