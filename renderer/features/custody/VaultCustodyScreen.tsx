/** The custody entries of the whole vault, readable, with Verify, the latest checkpoint and its timestamps. */
import { Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckpointPanel } from './CheckpointPanel';
import { CustodyLog } from './CustodyLog';
import { TimestampPanel } from './TimestampPanel';
import { VerifyPanel } from './VerifyPanel';
import './custody.css';

/** The custody entries of the whole vault, readable, with Verify. */
export function VaultCustodyScreen(): React.JSX.Element {
  const { t } = useTranslation('custody');
  return (
    <Stack className="custody-screen">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text>{t('intro')}</Text>
      <div className="custody-layout">
        <CustodyLog scope={{ kind: 'vault' }} height={620} />
        <Paper withBorder p="md">
          <Stack>
            <VerifyPanel />
            <Divider />
            <CheckpointPanel />
            <Divider />
            <TimestampPanel />
          </Stack>
        </Paper>
      </div>
    </Stack>
  );
}
