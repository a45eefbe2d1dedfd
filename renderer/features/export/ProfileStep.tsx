/** Step 2: the protected profile (default), the full one, or a custom profile JSON file. */
import { Alert, Button, Code, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/vigil';
import type { ExportChoices, WizardProfile } from './wizard-state';

/** The profile step. */
export function ProfileStep({
  profile,
  onChange,
}: {
  profile: WizardProfile;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('export');
  const [problem, setProblem] = useState<string | null>(null);
  const chooseFile = async (): Promise<void> => {
    setProblem(null);
    try {
      const { files } = await request('dialog:open-files', {
        title: t('profile.fileTitle'),
        multiple: false,
        filters: [{ name: t('profile.fileFilter'), extensions: ['json'] }],
      });
      const [file] = files;
      if (file === undefined) return;
      // Read and checked by the core once; the wizard then carries the settings, never the path.
      const { name, profile: settings } = await request('packages:read-profile', { file: file.grant });
      onChange({ profile: { kind: 'custom', file: { name, profile: settings } } });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const select = (value: string): void => {
    if (value === 'full') onChange({ profile: { kind: 'full' } });
    else if (value === 'custom')
      onChange({ profile: { kind: 'custom', file: profile.kind === 'custom' ? profile.file : null } });
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
          {profile.file === null ? <Text size="sm">{t('profile.noFile')}</Text> : <Code>{profile.file.name}</Code>}
        </Group>
      )}
      {problem !== null && (
        <Alert color="red" role="alert" title={t('profile.fileFailed')}>
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
