/** The places known to the vault (facilities and others), and a dialog to add one with its type. */
import { Button, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_TYPES, type PlaceType } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { TabHeader } from '../../components/TabHeader';

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
      error={add.error?.message}
      errorTitle={t('form.notSaved')}
      submitLabel={t('places.add')}
      busy={add.isPending}
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
      <Table aria-label={t('places.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('places.name')}</Table.Th>
            <Table.Th scope="col">{t('places.type')}</Table.Th>
            <Table.Th scope="col">{t('places.region')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(places.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{t(`placeTypes.${p.type}`)}</Table.Td>
              <Table.Td>{p.region || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && <AddPlaceModal onClose={() => setAdding(false)} />}
    </Stack>
  );
}
