/** The running add: a progress bar with what is being stored, and Cancel; then how it ended. */
import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';
import type { AddOutcome, AddProgressState } from './useAddFiles';

/** The progress bar while an add runs. */
export function AddProgress({
  progress,
  onCancel,
}: {
  progress: AddProgressState;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('items');
  const percent = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const amount =
    progress.total === null
      ? t('add.starting')
      : t('add.amount', {
          done: formatBytes(progress.done, i18n.language),
          total: formatBytes(progress.total, i18n.language),
        });
  return (
    <Paper withBorder p="sm" role="status" aria-live="polite" className="items-progress">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500}>
            {progress.cancelling
              ? t('add.cancelling')
              : progress.label
                ? t('add.storingFile', { name: progress.label })
                : t('add.storing')}
          </Text>
          <Button size="compact-sm" variant="default" onClick={onCancel} disabled={progress.cancelling}>
            {t('add.cancel')}
          </Button>
        </Group>
        <Progress value={percent} aria-label={t('add.progressLabel')} />
        <Text size="xs" c="dimmed">
          {amount} · {percent}%
        </Text>
      </Stack>
    </Paper>
  );
}

/** How the last add ended, until dismissed. */
export function AddOutcomeNotice({
  outcome,
  onClose,
}: {
  outcome: AddOutcome;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const common = { withCloseButton: true, onClose, closeButtonLabel: t('dismiss') } as const;
  switch (outcome.kind) {
    case 'added':
      return (
        <Alert color="teal" {...common} role="status">
          {t('add.added', { count: outcome.items.length })}
        </Alert>
      );
    case 'cancelled':
      return (
        <Alert color="gray" {...common} role="status">
          {t('add.cancelled')}
        </Alert>
      );
    case 'failed':
      return (
        <Alert color="red" {...common} title={t('add.failed')}>
          {outcome.message}
        </Alert>
      );
    default:
      return assertNever(outcome, 'add outcome');
  }
}
