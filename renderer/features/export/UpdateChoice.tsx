/**
 * Full package or update (DESIGN §6, "Update packages"): offered when a package of this case
 * already went to exactly the chosen recipients. Full stays the default; an update carries
 * only what changed since that package, and the recipient imports it after that one.
 */
import { Alert, Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { sealRecipients, type ExportChoices } from './wizard-state';

/** The choice, shown only when the case went to these recipients before. */
export function UpdateChoice({
  caseId,
  choices,
  onChange,
}: {
  caseId: string;
  choices: ExportChoices;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('export');
  const recipients = sealRecipients(choices);
  const enabled = choices.seal === 'recipients' && recipients.length > 0;
  const last = useApiQuery('packages:last-sent', { caseId, recipients }, { enabled });
  if (!enabled || last.data === undefined || last.data === null) return null;
  const sent = new Date(last.data.sentAt).toLocaleDateString(i18n.language);
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('update.question')}
        value={choices.update ? 'update' : 'full'}
        onChange={(v) => onChange({ update: v === 'update' })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="full" label={t('update.full')} description={t('update.fullHint')} />
          <Radio
            value="update"
            label={t('update.update', { id: last.data.packageId, date: sent })}
            description={t('update.updateHint')}
          />
        </Stack>
      </Radio.Group>
      {choices.update && choices.profile.kind !== last.data.profile && (
        <Alert color="blue" role="note">
          {t('update.sameProfile', { profile: last.data.profile })}
        </Alert>
      )}
    </Stack>
  );
}
