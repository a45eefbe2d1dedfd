/** A vault folder, chosen with the native folder dialog (the window cannot name a folder itself). */
import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GrantedPath } from '../../../shared/contract';
import { call } from '../../api/vigil';

/** The chosen folder, shown read-only, with its Choose… button. */
export function FolderField({
  value,
  onChange,
  create,
}: {
  value: GrantedPath | null;
  onChange: (folder: GrantedPath) => void;
  create: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const choose = async (): Promise<void> => {
    const result = await call('dialog:choose-folder', {
      title: t(create ? 'chooseNewFolder' : 'chooseFolder'),
      create,
    });
    if (result.ok && result.value.folder !== null) onChange(result.value.folder);
  };
  return (
    <Group align="end" gap="xs" wrap="nowrap">
      <TextInput
        label={t('folder')}
        description={t(create ? 'folderHintCreate' : 'folderHint')}
        value={value?.label ?? ''}
        placeholder={t('noFolder')}
        readOnly
        required
        style={{ flex: 1 }}
        spellCheck={false}
      />
      <Button variant="default" onClick={() => void choose()}>
        {t('choose')}
      </Button>
    </Group>
  );
}
