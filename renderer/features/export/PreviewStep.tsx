/** Step 4: exactly what will leave the vault — the bag's files and what the profile changes. */
import { Alert, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiQuery } from '../../api/queries';
import { bagRows, FileList } from './FileList';
import { NameHitsWarning } from './NameHitsWarning';
import { formatBytes } from '../../../shared/format';
import { pastedKeyList, requestProfile, scopeItemIds, type ExportChoices } from './wizard-state';

type Plan = Res<'packages:plan'>;

/** What the profile does to the case's records, as sentences. */
function ProfileChanges({ plan }: { plan: Plan }): React.JSX.Element {
  const { t } = useTranslation('export');
  const s = plan.settings;
  const stripped = plan.items.filter((i) => i.exifStripped).length;
  const lines: string[] = [];
  if (s.names === 'all') lines.push(t('preview.changes.namesAll'));
  else if (plan.codedPeople.length > 0)
    lines.push(t('preview.changes.namesCoded', { count: plan.codedPeople.length, codes: plan.codedPeople.join(', ') }));
  if (s.names === 'consent' && plan.namedPeople > 0)
    lines.push(t('preview.changes.namesConsented', { count: plan.namedPeople }));
  lines.push(s.contactDetails ? t('preview.changes.contactIncluded') : t('preview.changes.contactLeftOut'));
  if (!s.stripExif) lines.push(t('preview.changes.exifKept'));
  else
    lines.push(stripped > 0 ? t('preview.changes.exifStripped', { count: stripped }) : t('preview.changes.exifNone'));
  if (s.useRedacted) lines.push(t('preview.changes.redacted'));
  if (!s.recordings) lines.push(t('preview.changes.noRecordings'));
  if (s.kinds !== null)
    lines.push(t('preview.changes.kinds', { kinds: s.kinds.map((k) => t(`kinds.${k}`)).join(', ') }));
  if (plan.leftOut > 0) lines.push(t('preview.changes.leftOut', { count: plan.leftOut }));
  return (
    <List spacing={4} aria-label={t('preview.changesTitle')}>
      {lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

function WhoCanOpen({ choices }: { choices: ExportChoices }): React.JSX.Element {
  const { t } = useTranslation('export');
  const book = useApiQuery('packages:recipients', {}, { enabled: choices.seal === 'recipients' });
  if (choices.seal === 'passphrase') return <Text>{t('preview.openedByPassphrase')}</Text>;
  const names = (book.data ?? [])
    .filter((r) => choices.recipientIds.includes(r.id))
    .map((r) => `${r.name} (${r.fingerprint})`);
  return (
    <List spacing={4}>
      {[...names, ...pastedKeyList(choices.pastedKeys)].map((who) => (
        <List.Item key={who}>{who}</List.Item>
      ))}
    </List>
  );
}

/**
 * The dry run of the export as chosen (shared, through the query cache, by the step and the wizard's Next button); none
 * while a custom profile has no file yet.
 */
export function usePreviewPlan(
  caseId: string,
  choices: ExportChoices,
  enabled = true,
): ReturnType<typeof useApiQuery<'packages:plan'>> {
  const itemIds = scopeItemIds(choices);
  return useApiQuery(
    'packages:plan',
    { caseId, ...(itemIds ? { itemIds } : {}), profile: requestProfile(choices.profile) ?? { kind: 'protected' } },
    { enabled: enabled && requestProfile(choices.profile) !== null },
  );
}

/** The preview step. */
export function PreviewStep({
  caseId,
  choices,
  onChange,
}: {
  caseId: string;
  choices: ExportChoices;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const plan = usePreviewPlan(caseId, choices);
  if (plan.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (plan.error) {
    return (
      <Alert color="red" role="alert" title={t('preview.failed')}>
        {plan.error.message}
      </Alert>
    );
  }
  const rows = bagRows(plan.data, plan.data.bag);
  return (
    <Stack>
      <Text>
        {t('preview.summary', {
          count: plan.data.items.length,
          size: formatBytes(plan.data.itemBytes, i18n.language),
          files: rows.length,
        })}
      </Text>
      <NameHitsWarning
        hits={plan.data.nameHits}
        checked={choices.namesChecked}
        onChecked={(namesChecked) => onChange({ namesChecked })}
      />
      <Title order={3} size="h5">
        {t('preview.changesTitle')}
      </Title>
      <ProfileChanges plan={plan.data} />
      <Title order={3} size="h5">
        {t('preview.whoTitle')}
      </Title>
      <WhoCanOpen choices={choices} />
      <Title order={3} size="h5">
        {t('preview.filesTitle')}
      </Title>
      <FileList rows={rows} />
    </Stack>
  );
}
