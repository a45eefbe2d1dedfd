/** The places known to the vault (facilities and others), and a dialog to add one with its type. */
import { Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_TYPES, type PlaceType } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import type { Res } from '../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { DataTable, type Column } from '../../components/DataTable';
import { TabHeader } from '../../components/TabHeader';

type Place = Res<'timeline:places'>[number];

function AddPlaceModal({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const [name, setName] = useState('');
  const [type, setType] = useState<PlaceType>('penal_colony');
  const [region, setRegion] = useState('');
  const add = useApiMutation('timeline:add-place');
  const submit = async (): Promise<void> => {
    if (
      await add
        .mutateAsync({ name: name.trim(), type, ...(region.trim() ? { region: region.trim() } : {}) })
        .catch(() => null)
    )
      onClose();
  };
  return (
    <FormModal
      title={t('places.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      saving={add}
      errorTitle={t('form.notSaved')}
      submitLabel={t('places.add')}
      canSubmit={name.trim() !== ''}
    >
      <TextInput
        label={t('places.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        data-autofocus
      />
      <NativeSelect
        label={t('places.type')}
        value={type}
        onChange={(e) => setType(e.currentTarget.value as PlaceType)}
        data={PLACE_TYPES.map((v) => ({ value: v, label: t(`placeTypes.${v}`) }))}
      />
      <TextInput label={t('places.region')} value={region} onChange={(e) => setRegion(e.currentTarget.value)} />
    </FormModal>
  );
}

/** The places table with its Add button. */
export function PlacesPanel(): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const places = useApiQuery('timeline:places', {});
  const [adding, setAdding] = useState(false);
  const columns: Column<Place>[] = [
    { header: t('places.name'), cell: (p) => p.name },
    { header: t('places.type'), cell: (p) => t(`placeTypes.${p.type}`) },
    { header: t('places.region'), cell: (p) => p.region || '—' },
  ];
  return (
    <Stack gap="xs">
      <TabHeader
        order={3}
        title={t('places.title')}
        actions={
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('places.add')}
          </Button>
        }
      />
      <DataTable label={t('places.title')} columns={columns} rows={places.data ?? []} rowKey={(p) => p.id} />
      {adding && <AddPlaceModal onClose={() => setAdding(false)} />}
    </Stack>
  );
}
