/**
 * The sender's history as the receive screen shows it: this package extends the last one from
 * that vault, is the first from it, or comes from a history rewritten since — then the person
 * may import it only by saying, knowingly, that they accept it.
 */
import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';

type Report = Res<'packages:verify'>;

/** One line on the sender's history; nothing when it was not judged. */
export function HistoryStatus({ report }: { report: Report }): React.JSX.Element | null {
  const { t } = useTranslation('receive');
  const c = report.consistency;
  if (c === undefined || c.status === 'unchecked') return null;
  const since = c.since ?? '';
  const text = {
    first: t('history.first'),
    extends: t('history.extends', { since }),
    rewritten: t('history.rewritten', { since }),
  }[c.status];
  return (
    <Text size="sm" className={`receive-history receive-history--${c.status}`} role="note">
      {text}
    </Text>
  );
}

/** The knowing override of a rewritten history: a box to tick, then the import. */
export function AcceptHistory({ busy, onAccept }: { busy: boolean; onAccept: () => void }): React.JSX.Element {
  const { t } = useTranslation('receive');
  const [understood, setUnderstood] = useState(false);
  return (
    <Stack gap="sm" role="group" aria-label={t('history.acceptLabel')}>
      <Alert color="red">
        <Text size="sm">{t('history.explain')}</Text>
      </Alert>
      <Checkbox
        className="receive-accept-history"
        label={t('history.understood')}
        checked={understood}
        disabled={busy}
        onChange={(e) => setUnderstood(e.currentTarget.checked)}
      />
      <Group>
        <Button color="red" disabled={!understood || busy} onClick={onAccept}>
          {t('history.accept')}
        </Button>
      </Group>
    </Stack>
  );
}
