/** Create a case, or edit one: title, reference, summary and status, in a dialog. */
import { NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';

/** A case as the form edits it. */
export type CaseRecord = Res<'cases:create'>;

interface Draft {
  title: string;
  reference: string;
  summary: string;
  status: CaseStatus;
}

function draftOf(existing: CaseRecord | null): Draft {
  return {
    title: existing?.title ?? '',
    reference: existing?.reference ?? '',
    summary: existing?.summary ?? '',
    status: existing?.status ?? 'open',
  };
}

/** Only the fields that differ, so the custody entry names exactly what changed. */
function changesOf(
  before: CaseRecord,
  draft: Draft,
): Partial<{ title: string; reference: string | null; summary: string; status: CaseStatus }> {
  const reference = draft.reference.trim() === '' ? null : draft.reference.trim();
  return {
    ...(draft.title.trim() !== before.title ? { title: draft.title.trim() } : {}),
    ...(reference !== before.reference ? { reference } : {}),
    ...(draft.summary !== before.summary ? { summary: draft.summary } : {}),
    ...(draft.status !== before.status ? { status: draft.status } : {}),
  };
}

/** The create/edit dialog; `existing` null creates. Mounted only while open, so each opening starts fresh. */
export function CaseFormModal({
  existing,
  onClose,
  onSaved,
}: {
  existing: CaseRecord | null;
  onClose: () => void;
  onSaved?: (saved: CaseRecord) => void;
}): React.JSX.Element {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation('common');
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing));
  const create = useApiMutation('cases:create');
  const update = useApiMutation('cases:update');
  const set = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (): Promise<void> => {
    const reference = draft.reference.trim();
    if (existing === null) {
      const saved = await create
        .mutateAsync({
          title: draft.title,
          ...(reference ? { reference } : {}),
          summary: draft.summary,
          status: draft.status,
        })
        .catch(() => null);
      if (saved) onSaved?.(saved);
      if (saved) onClose();
      return;
    }
    const changes = changesOf(existing, draft);
    if (Object.keys(changes).length === 0) return onClose();
    const saved = await update.mutateAsync({ id: existing.id, changes }).catch(() => null);
    if (saved) onSaved?.(saved);
    if (saved) onClose();
  };

  const title = existing === null ? t('form.createTitle') : t('form.editTitle');
  return (
    <FormModal
      title={title}
      onClose={onClose}
      size="lg"
      onSubmit={submit}
      saving={[create, update]}
      errorTitle={t('form.notSaved')}
      submitLabel={existing === null ? t('form.create') : tc('save')}
      canSubmit={draft.title.trim() !== ''}
    >
      <TextInput
        label={t('form.title')}
        value={draft.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        required
        data-autofocus
        maxLength={300}
      />
      <TextInput
        label={t('form.reference')}
        description={t('form.referenceHint')}
        value={draft.reference}
        onChange={(e) => set({ reference: e.currentTarget.value })}
        maxLength={64}
        spellCheck={false}
      />
      <Textarea
        label={t('form.summary')}
        value={draft.summary}
        onChange={(e) => set({ summary: e.currentTarget.value })}
        autosize
        minRows={3}
        maxRows={10}
      />
      <NativeSelect
        label={t('form.status')}
        value={draft.status}
        onChange={(e) => set({ status: e.currentTarget.value as CaseStatus })}
        data={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
    </FormModal>
  );
}
