/** The consent inputs: may be named, may be shared with, when and how consent was given. */
import { Checkbox, Fieldset, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isValidPartialDate } from '../../../shared/domain';

/** Consent as the inputs hold it. */
export interface ConsentDraft {
  named: boolean;
  shareWith: string;
  date: string;
  method: string;
}

/** An empty consent: code only, shared with no one. */
export const NO_CONSENT: ConsentDraft = { named: false, shareWith: '', date: '', method: '' };

/** True when the date is empty or a valid YYYY, YYYY-MM or YYYY-MM-DD. */
export function consentDateOk(d: ConsentDraft): boolean {
  return d.date.trim() === '' || isValidPartialDate(d.date.trim());
}

/** The fieldset; `onChange` receives a patch. */
export function ConsentFields({
  value,
  onChange,
}: {
  value: ConsentDraft;
  onChange: (patch: Partial<ConsentDraft>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  return (
    <Fieldset legend={t('form.consent')}>
      <Checkbox
        label={t('form.consentNamed')}
        description={t('form.consentNamedHint')}
        checked={value.named}
        onChange={(e) => onChange({ named: e.currentTarget.checked })}
        mb="sm"
      />
      <TextInput
        label={t('form.shareWith')}
        description={t('form.listHint')}
        value={value.shareWith}
        onChange={(e) => onChange({ shareWith: e.currentTarget.value })}
        mb="sm"
      />
      <Group grow align="start">
        <TextInput
          label={t('form.consentDate')}
          description={t('form.dateHint')}
          value={value.date}
          onChange={(e) => onChange({ date: e.currentTarget.value })}
          {...(consentDateOk(value) ? {} : { error: t('form.dateInvalid') })}
          spellCheck={false}
        />
        <TextInput
          label={t('form.consentMethod')}
          description={t('form.consentMethodHint')}
          value={value.method}
          onChange={(e) => onChange({ method: e.currentTarget.value })}
        />
      </Group>
    </Fieldset>
  );
}
