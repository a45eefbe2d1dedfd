/** Edits a person's consent: may be named, may be shared with, when and how it was given. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import { ConsentFields, consentDateOk, type ConsentDraft } from './ConsentFields';
import { joinList, splitList, type PersonEntry } from './people-form';

/** The consent dialog for `person`, mounted only while open. */
export function ConsentModal({ person, onClose }: { person: PersonEntry; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation('common');
  const c = person.consent;
  const [draft, setDraft] = useState<ConsentDraft>({
    named: c.named,
    shareWith: joinList(c.shareWith),
    date: c.date ?? '',
    method: c.method ?? '',
  });
  const update = useApiMutation('people:update');

  const submit = async (): Promise<void> => {
    const next = {
      named: draft.named,
      shareWith: splitList(draft.shareWith),
      date: draft.date.trim() || null,
      method: draft.method.trim() || null,
    };
    if (JSON.stringify(next) === JSON.stringify(c)) return onClose();
    if (await update.mutateAsync({ id: person.id, changes: { consent: next } }).catch(() => null)) onClose();
  };

  const title = t('form.consentTitle', { code: person.code });
  return (
    <FormModal
      title={title}
      onClose={onClose}
      size="lg"
      onSubmit={submit}
      saving={update}
      errorTitle={t('form.notSaved')}
      submitLabel={tc('save')}
      canSubmit={consentDateOk(draft)}
    >
      <ConsentFields value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
    </FormModal>
  );
}
