/** The finished export: where the package is, its SHA-256, the receipt, and the fingerprints to read out. */
import { Alert, Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { FactsTable } from '../../components/FactsTable';
import { formatBytes } from '../../../shared/format';

/** The result view; `onAgain` starts a new export. */
export function ExportResult({
  result,
  onAgain,
}: {
  result: Res<'packages:export'>;
  onAgain: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const rows: [string, React.ReactNode][] = [
    [t('result.package'), <Code key="p">{result.packagePath}</Code>],
    [
      t('result.sha256'),
      <Code key="s" className="export-hash">
        {result.packageSha256}
      </Code>,
    ],
    [t('result.receipt'), <Code key="r">{result.receiptPath}</Code>],
    [
      t('result.verifier'),
      result.verifierPath === null ? (
        t('result.verifierMissing')
      ) : (
        <Stack key="v" gap={2}>
          <Code>{result.verifierPath}</Code>
          <Text size="sm">{t('result.verifierHint')}</Text>
        </Stack>
      ),
    ],
    [
      t('result.contents'),
      t('result.contentsValue', { count: result.items, size: formatBytes(result.bytes, i18n.language) }),
    ],
    ...(result.updateOf === null
      ? []
      : [
          [
            t('result.updateOf'),
            <Stack key="u" gap={2}>
              <Code>{result.updateOf}</Code>
              <Text size="sm">{t('result.updateOfHint')}</Text>
            </Stack>,
          ] as [string, React.ReactNode],
        ]),
  ];
  return (
    <Stack>
      <Alert color="green" role="status" title={t('result.title')}>
        {t('result.body')}
      </Alert>
      <FactsTable label={t('result.tableLabel')} rows={rows} />
      <Title order={3} size="h5">
        {t('result.readOut')}
      </Title>
      <Text>{t('result.readOutHint')}</Text>
      <Table aria-label={t('result.fingerprints')}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('result.signer')}</Table.Th>
            <Table.Td>
              <Code className="export-fingerprint">{result.signerFingerprint}</Code>
            </Table.Td>
          </Table.Tr>
          {result.recipients.map((r) => (
            <Table.Tr key={r.ageRecipient}>
              <Table.Th scope="row">{r.name ?? t('result.pastedKey')}</Table.Th>
              <Table.Td>
                <Code className="export-fingerprint">{r.fingerprint}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
          {result.recipients.length === 0 && (
            <Table.Tr>
              <Table.Th scope="row">{t('result.passphrase')}</Table.Th>
              <Table.Td>{t('result.passphraseHint')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <div>
        <Button variant="default" onClick={onAgain}>
          {t('result.again')}
        </Button>
      </div>
    </Stack>
  );
}
