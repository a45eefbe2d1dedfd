/**
 * Says what unlocking put right after a crash (an interrupted key-slot change, add, import or
 * export), once per unlock, until closed: a change that did not happen must not pass unnoticed.
 */
import { Alert, Button, Group, List } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultState } from './session';

type Recovered = NonNullable<Extract<VaultState, { unlocked: true }>['recovered']>;

/** The sentences for what was put right; empty when nothing was. */
function lines(r: Recovered, t: TFunction<'common'>): string[] {
  const out: string[] = [];
  if (r.header === 'completed') out.push(t('recovered.headerCompleted'));
  if (r.header === 'dropped') out.push(t('recovered.headerDropped'));
  if (r.header === 'created') out.push(t('recovered.headerCreated'));
  const counted: [keyof Recovered, number][] = [
    ['objectsRemoved', r.objectsRemoved],
    ['objectsPublished', r.objectsPublished],
    ['exportsFinished', r.exportsFinished],
    ['exportsRemoved', r.exportsRemoved],
    ['exportsUnreachable', r.exportsUnreachable],
  ];
  for (const [key, count] of counted) if (count > 0) out.push(t(`recovered.${key}`, { count }));
  return out;
}

/** The notice above the current screen; nothing when unlocking had nothing to put right. */
export function RecoveryNotice({ recovered }: { recovered: Recovered | undefined }): React.JSX.Element | null {
  const { t } = useTranslation('common');
  const [closed, setClosed] = useState<Recovered | undefined>(undefined);
  if (recovered === undefined || closed === recovered) return null;
  const said = lines(recovered, t);
  if (said.length === 0) return null;
  return (
    <Alert color="yellow" title={t('recovered.title')} mb="md" role="status">
      <List size="sm">
        {said.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Group justify="flex-end" mt="xs">
        <Button size="xs" variant="light" onClick={() => setClosed(recovered)}>
          {t('recovered.dismiss')}
        </Button>
      </Group>
    </Alert>
  );
}
