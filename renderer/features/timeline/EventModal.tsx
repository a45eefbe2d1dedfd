/** Adds an event to the timeline, or edits one (only the changed fields are sent). */
import { Checkbox, Group, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_TYPES, PLACE_TYPES, type EventType, type PlaceType } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { draftOf, emptyDraft, eventChanges, newEventRequest, type EventDraft } from './event-draft';
import type { TimelineEvent } from './EventsTable';
import { PartialDateInput, partialDateOk, usePersonOptions } from './form-bits';

/** The event dialog, mounted only while open; `existing` null means a new event. */
export function EventModal({
  caseId,
  existing,
  onClose,
}: {
  caseId: string;
  existing: TimelineEvent | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const { t: tc } = useTranslation('common');
  const people = usePersonOptions(caseId);
  const places = useApiQuery('timeline:places', {});
  const [draft, setDraft] = useState<EventDraft>(() => (existing ? draftOf(existing) : emptyDraft('')));
  const add = useApiMutation('timeline:add-event');
  const update = useApiMutation('timeline:update-event');
  const listId = useId();
  const set = (patch: Partial<EventDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const personId = draft.personId || (people.find((p) => p.roles.includes('detainee')) ?? people[0])?.value || '';
  const isNewPlace =
    draft.placeName.trim() !== '' &&
    !(places.data ?? []).some((p) => p.name.toLowerCase() === draft.placeName.trim().toLowerCase());
  const valid = personId !== '' && partialDateOk(draft.date, false) && partialDateOk(draft.endDate, true);
  const title = existing ? t('form.editTitle') : t('form.addTitle');

  const submit = async (): Promise<void> => {
    if (existing) {
      const changes = eventChanges(existing, draft, isNewPlace);
      if (Object.keys(changes).length === 0) return onClose();
      if (await update.mutateAsync({ id: existing.id, changes }).catch(() => null)) onClose();
    } else if (await add.mutateAsync(newEventRequest(caseId, { ...draft, personId }, isNewPlace)).catch(() => null)) {
      onClose();
    }
  };

  return (
    <FormModal
      title={title}
      onClose={onClose}
      size="lg"
      onSubmit={submit}
      saving={[add, update]}
      errorTitle={t('form.notSaved')}
      submitLabel={existing ? tc('save') : t('form.add')}
      canSubmit={valid}
    >
      {existing === null ? (
        <NativeSelect
          label={t('form.person')}
          value={personId}
          onChange={(e) => set({ personId: e.currentTarget.value })}
          data={people}
          required
        />
      ) : (
        <TextInput label={t('form.person')} value={existing.person.code} readOnly />
      )}
      <NativeSelect
        label={t('form.type')}
        value={draft.type}
        onChange={(e) => set({ type: e.currentTarget.value as EventType })}
        data={EVENT_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))}
      />
      <Group grow align="flex-start">
        <PartialDateInput label={t('form.date')} value={draft.date} onChange={(date) => set({ date })} required />
        <PartialDateInput label={t('form.endDate')} value={draft.endDate} onChange={(endDate) => set({ endDate })} />
      </Group>
      <Checkbox
        label={t('form.approx')}
        checked={draft.dateApprox}
        onChange={(e) => set({ dateApprox: e.currentTarget.checked })}
      />
      <TextInput
        label={t('form.place')}
        description={t('form.placeHint')}
        value={draft.placeName}
        onChange={(e) => set({ placeName: e.currentTarget.value })}
        list={listId}
        autoComplete="off"
      />
      <datalist id={listId}>
        {(places.data ?? []).map((p) => (
          <option key={p.id} value={p.name} />
        ))}
      </datalist>
      {isNewPlace && (
        <Group grow align="flex-start">
          <NativeSelect
            label={t('form.placeType')}
            value={draft.placeType}
            onChange={(e) => set({ placeType: e.currentTarget.value as PlaceType })}
            data={PLACE_TYPES.map((v) => ({ value: v, label: t(`placeTypes.${v}`) }))}
          />
          <TextInput
            label={t('form.region')}
            value={draft.placeRegion}
            onChange={(e) => set({ placeRegion: e.currentTarget.value })}
          />
        </Group>
      )}
      <Textarea
        label={t('form.description')}
        value={draft.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        autosize
        minRows={3}
        maxRows={10}
      />
    </FormModal>
  );
}
