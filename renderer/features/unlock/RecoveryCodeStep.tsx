/** The recovery code, shown once after the vault is created, with copy and print. */
import { Alert, Button, Checkbox, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/vigil';

/** How long a copied recovery code stays on the clipboard. */
const CLIPBOARD_CLEAR_MS = 30_000;

/** Shows the code until the member confirms they have kept it. */
export function RecoveryCodeStep({
  recoveryCode,
  onDone,
}: {
  recoveryCode: string;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const [copied, setCopied] = useState(false);
  const [kept, setKept] = useState(false);
  const copy = async (): Promise<void> => {
    const result = await call('clipboard:write-secret', { text: recoveryCode, clearAfterMs: CLIPBOARD_CLEAR_MS });
    setCopied(result.ok);
  };
  return (
    <Stack className="recovery-step">
      <Title order={1} size="h3">
        {t('recoveryTitle')}
      </Title>
      <Text>{t('recoveryExplain')}</Text>
      <Code block className="recovery-code" data-testid="recovery-code" fz="lg">
        {recoveryCode}
      </Code>
      <Group className="no-print">
        <Button variant="default" onClick={() => void copy()}>
          {t('copy')}
        </Button>
        <Button variant="default" onClick={() => window.print()}>
          {t('print')}
        </Button>
      </Group>
      {copied && (
        <Alert color="blue" role="status" className="no-print">
          {t('copiedClears', { seconds: CLIPBOARD_CLEAR_MS / 1000 })}
        </Alert>
      )}
      <Checkbox
        className="no-print"
        label={t('keptIt')}
        checked={kept}
        onChange={(e) => setKept(e.currentTarget.checked)}
      />
      <Button className="no-print" disabled={!kept} onClick={onDone}>
        {t('continue')}
      </Button>
    </Stack>
  );
}
