/**
 * Who the detainee is, shown by protective code. The real name appears only
 * with their consent to be named, or when the user asks to reveal it; a
 * revealed name lives in this component's state only (not in the query
 * cache), so hiding it, leaving the case or locking the vault forgets it.
 */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { ApiError, request } from '../../../api/vigil';

type Overview = Res<'cases:overview'>;
type Detainee = Overview['detainees'][number];
type OverviewEvent = Overview['events'][number];

function NameLine({ person }: { person: Detainee['person'] }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (person.name !== null) return <Text>{t('overview.namedWithConsent', { name: person.name })}</Text>;
  const reveal = async (): Promise<void> => {
    setError(null);
    try {
      setRevealed((await request('people:reveal', { id: person.id })).name);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Text {...(revealed === null ? { c: 'dimmed' } : { fw: 600 })} aria-live="polite">
          {revealed ?? t('overview.nameHidden')}
        </Text>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => (revealed === null ? void reveal() : setRevealed(null))}
        >
          {revealed === null ? t('overview.reveal') : t('overview.hide')}
        </Button>
      </Group>
      {revealed !== null && (
        <Text size="xs" c="dimmed">
          {t('overview.revealedNote')}
        </Text>
      )}
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** The detainee's code, name on demand, and where they are as far as the events say. */
export function DetaineeCard({ detainee, events }: { detainee: Detainee; events: OverviewEvent[] }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const latest = events[events.length - 1];
  const lastPlace = [...events].reverse().find((e) => e.place !== null)?.place ?? null;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={t('overview.detaineeCard', { code: detainee.person.code })}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" c="dimmed">
          {t('overview.detainee')}
        </Title>
        <Text className="overview-figure" ff="monospace">
          {detainee.person.code}
        </Text>
        <NameLine person={detainee.person} />
        <Title order={4} size="h6" mt="sm">
          {t('overview.currentStatus')}
        </Title>
        {latest === undefined ? (
          <Text c="dimmed">{t('overview.noEvents')}</Text>
        ) : (
          <Text>
            {t('overview.latestEvent', {
              type: t(`eventTypes.${latest.type}`),
              date: `${latest.dateApprox ? '~' : ''}${latest.date}`,
            })}
          </Text>
        )}
        {lastPlace !== null && (
          <Text>
            {t('overview.lastPlace', {
              place: lastPlace.region ? `${lastPlace.name}, ${lastPlace.region}` : lastPlace.name,
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
