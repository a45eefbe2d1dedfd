/** The latest signed checkpoint of the log, and "Make checkpoint". */
import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/queries';

/** Shows the latest checkpoint and makes a new one on request. */
export function CheckpointPanel(): React.JSX.Element {
  const { t, i18n } = useTranslation('custody');
  const latest = useApiQuery('custody:checkpoint', {});
  const make = useApiMutation('custody:make-checkpoint');
  const cp = latest.data ?? null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('checkpoint.title')}
      </Title>
      {cp === null ? (
        <Text size="sm">{t('checkpoint.none')}</Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">
            {t('checkpoint.summary', {
              size: cp.size,
              signer: cp.signer ?? t('checkpoint.unknownSigner'),
              date: new Date(cp.createdAt).toLocaleString(i18n.language),
            })}
          </Text>
          <Code>{t('checkpoint.root', { root: cp.root.slice(0, 16) })}</Code>
        </Stack>
      )}
      <Group>
        <Button variant="default" onClick={() => make.mutate({})} loading={make.isPending}>
          {t('checkpoint.make')}
        </Button>
      </Group>
      {make.isSuccess && (
        <Text size="sm" role="status">
          {t('checkpoint.made', { size: make.data.size })}
        </Text>
      )}
      {make.isError && (
        <Alert color="red" role="alert">
          {t('checkpoint.error', { message: make.error.message })}
        </Alert>
      )}
    </Stack>
  );
}
