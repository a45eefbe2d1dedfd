/** Step 2: the protected profile (default), the full one, or a custom profile JSON file. */
import { Button, Code, Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/vigil';
import type { ExportChoices, ProfileChoice } from './wizard-state';

/** The profile step. */
export function ProfileStep({ profile, onChange }: { profile: ProfileChoice; onChange: (next: Partial<ExportChoices>) => void }): React.JSX.Element {
  const { t } = useTranslation('export');
  const chooseFile = async (): Promise<void> => {
    const { paths } = await request('dialog:open-files', { title: t('profile.fileTitle'), multiple: false, filters: [{ name: t('profile.fileFilter'), extensions: ['json'] }] });
    const path = paths[0];
    if (path !== undefined) onChange({ profile: { kind: 'custom', path } });
  };
  const select = (value: string): void => {
    if (value === 'full') onChange({ profile: { kind: 'full' } });
    else if (value === 'custom') onChange({ profile: { kind: 'custom', path: profile.kind === 'custom' ? profile.path : '' } });
    else onChange({ profile: { kind: 'protected' } });
  };
  return (
    <Stack>
      <Radio.Group label={t('profile.question')} value={profile.kind} onChange={select}>
        <Stack gap="sm" mt="xs">
          <Radio value="protected" label={t('profile.protected')} description={t('profile.protectedHint')} />
          <Radio value="full" label={t('profile.full')} description={t('profile.fullHint')} />
          <Radio value="custom" label={t('profile.custom')} description={t('profile.customHint')} />
        </Stack>
      </Radio.Group>
      {profile.kind === 'custom' && (
        <Group>
          <Button variant="default" onClick={() => void chooseFile()}>
            {t('profile.chooseFile')}
          </Button>
          {profile.path === '' ? <Text size="sm">{t('profile.noFile')}</Text> : <Code>{profile.path}</Code>}
        </Group>
      )}
    </Stack>
  );
}
