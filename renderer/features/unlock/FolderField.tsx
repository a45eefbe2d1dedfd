/** A vault folder: typed, or chosen with the native folder dialog. */
import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/vigil';

/** The folder input with its Choose… button. */
export function FolderField({ value, onChange, create }: { value: string; onChange: (path: string) => void; create: boolean }): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const choose = async (): Promise<void> => {
    const result = await call('dialog:choose-folder', { title: t(create ? 'chooseNewFolder' : 'chooseFolder'), create });
    if (result.ok && result.value.path !== null) onChange(result.value.path);
  };
  return (
    <Group align="end" gap="xs" wrap="nowrap">
      <TextInput
        label={t('folder')}
        description={t(create ? 'folderHintCreate' : 'folderHint')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
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
