/** The inputs of a person's own fields: name, code, aliases, contact details (sensitive) and notes. */
import { Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonDraft } from './people-form';

/** The fields; `codeRequired` when editing (a person always has a code), optional when adding. */
export function PersonFields({
  value,
  onChange,
  codeRequired,
}: {
  value: PersonDraft;
  onChange: (patch: Partial<PersonDraft>) => void;
  codeRequired: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  return (
    <Stack gap="sm">
      <TextInput
        label={t('form.name')}
        description={t('form.nameHint')}
        value={value.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        required
        data-autofocus
        maxLength={300}
      />
      <TextInput
        label={t('form.code')}
        description={codeRequired ? t('form.codeHintEdit') : t('form.codeHint')}
        value={value.code}
        onChange={(e) => onChange({ code: e.currentTarget.value })}
        required={codeRequired}
        spellCheck={false}
        maxLength={11}
      />
      <TextInput
        label={t('form.aliases')}
        description={t('form.listHint')}
        value={value.aliases}
        onChange={(e) => onChange({ aliases: e.currentTarget.value })}
      />
      <Textarea
        label={t('form.contact')}
        description={t('form.contactHint')}
        value={value.contact}
        onChange={(e) => onChange({ contact: e.currentTarget.value })}
        autosize
        minRows={2}
        maxRows={6}
      />
      <Textarea
        label={t('form.notes')}
        value={value.notes}
        onChange={(e) => onChange({ notes: e.currentTarget.value })}
        autosize
        minRows={2}
        maxRows={8}
      />
    </Stack>
  );
}
