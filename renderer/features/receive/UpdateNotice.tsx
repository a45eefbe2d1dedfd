/**
 * What the receive screen says of an update package (DESIGN §6, "Update packages"): the
 * package it updates and what it adds and changes, by kind of record. Importing applies it
 * to the case that package brought in, and only after it.
 */
import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Res } from '../../../shared/contract';

type Update = NonNullable<NonNullable<Res<'packages:verify'>['handover']>['updateOf']>;

const KINDS = ['person', 'item', 'interview', 'event', 'request'] as const;

/** Counts of added or changed records by kind, as a sentence ("items: 2, events: 1"); the case record is said apart. */
function counts(u: Update, change: 'added' | 'changed', t: TFunction<'receive'>): string {
  const parts = KINDS.map(
    (k) => [k, u.changes.filter((c) => c.kind === k && c.change === change).length] as const,
  ).filter(([, n]) => n > 0);
  return parts.length === 0
    ? t('update.nothing')
    : parts.map(([k, n]) => t(`update.kinds.${k}`, { count: n })).join(', ');
}

/** The notice, or nothing for a full package. */
export function UpdateNotice({ report }: { report: Res<'packages:verify'> }): React.JSX.Element | null {
  const { t } = useTranslation('receive');
  const u = report.handover?.updateOf;
  if (u === undefined) return null;
  const caseChanged = u.changes.some((c) => c.kind === 'case');
  return (
    <Alert color="blue" role="note" title={t('update.title')}>
      <Text size="sm">
        {t('update.of')} <Code>{u.packageId}</Code>
      </Text>
      <Text size="sm">{t('update.adds', { what: counts(u, 'added', t) })}</Text>
      <Text size="sm">{t('update.changes', { what: counts(u, 'changed', t) })}</Text>
      {caseChanged && <Text size="sm">{t('update.caseChanged')}</Text>}
      <Text size="sm">{t('update.how')}</Text>
    </Alert>
  );
}
