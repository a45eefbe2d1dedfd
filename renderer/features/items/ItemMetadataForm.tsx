/** Edits an item's metadata (the stored file never changes; custody records the edit). */
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS, type ItemKind } from '../../../shared/domain';
import { useApiMutation, useApiQuery } from '../../api/queries';
import type { ItemDetail } from './format';
import { changesOf, datePrecisionOf, formValuesOf, type ItemFormValues } from './item-form';

/** The form; `onDone` closes it after a save or Cancel. */
export function ItemMetadataForm({
  detail,
  caseId,
  onDone,
}: {
  detail: ItemDetail;
  caseId: string;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const [values, setValues] = useState<ItemFormValues>(() => formValuesOf(detail));
  const [notice, setNotice] = useState<string | null>(null);
  const people = useApiQuery('people:list', { caseId });
  const update = useApiMutation('items:update');
  const set = <K extends keyof ItemFormValues>(key: K, value: ItemFormValues[K]): void =>
    setValues((v) => ({ ...v, [key]: value }));
  const precision = datePrecisionOf(values.date);
  const whenPrecision = datePrecisionOf(values.when);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (values.title.trim() === '' || precision === 'invalid' || whenPrecision === 'invalid') return;
    const changes = changesOf(detail, values);
    if (Object.keys(changes).length === 0) {
      setNotice(t('edit.nothing'));
      return;
    }
    update.mutate({ id: detail.id, changes }, { onSuccess: onDone });
  };

  const personOptions = [
    { value: '', label: t('edit.noSource') },
    ...(people.data ?? []).map((p) => ({ value: p.id, label: p.code })),
  ];
  if (values.sourcePersonId !== '' && !personOptions.some((o) => o.value === values.sourcePersonId))
    personOptions.push({ value: values.sourcePersonId, label: values.sourcePersonId.slice(0, 8) });

  return (
    <form onSubmit={submit} aria-label={t('edit.formLabel')} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <Stack gap="sm">
        <TextInput
          label={t('edit.title')}
          required
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={values.title.trim() === '' ? t('edit.titleRequired') : undefined}
          data-autofocus
        />
        <div className="item-form__pair">
          <NativeSelect
            label={t('edit.kind')}
            data={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            value={values.kind}
            onChange={(e) => set('kind', e.currentTarget.value as ItemKind)}
          />
          <NativeSelect
            label={t('edit.source')}
            data={personOptions}
            value={values.sourcePersonId}
            onChange={(e) => set('sourcePersonId', e.currentTarget.value)}
          />
        </div>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('edit.date')}
            description={
              precision === 'invalid' || precision === 'none' ? t('edit.dateHint') : t(`edit.precision.${precision}`)
            }
            value={values.date}
            onChange={(e) => set('date', e.currentTarget.value)}
            error={precision === 'invalid' ? t('edit.dateInvalid') : undefined}
          />
          <Checkbox
            label={t('edit.approx')}
            checked={values.dateApprox}
            onChange={(e) => set('dateApprox', e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <div className="item-form__pair">
          <TextInput label={t('edit.who')} value={values.who} onChange={(e) => set('who', e.currentTarget.value)} />
          <TextInput
            label={t('edit.when')}
            description={t('edit.dateHint')}
            value={values.when}
            onChange={(e) => set('when', e.currentTarget.value)}
            error={whenPrecision === 'invalid' ? t('edit.dateInvalid') : undefined}
          />
        </div>
        <TextInput label={t('edit.how')} value={values.how} onChange={(e) => set('how', e.currentTarget.value)} />
        <Textarea
          label={t('edit.note')}
          autosize
          minRows={2}
          value={values.note}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        {notice !== null && <Alert color="gray">{notice}</Alert>}
        {update.isError && <Alert color="red">{update.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('edit.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('edit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
