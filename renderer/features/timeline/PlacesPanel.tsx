/** The places known to the vault (facilities and others), and a dialog to add one with its type. */
import { Button, Group, Modal, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_TYPES, type PlaceType } from '../../../shared/domain';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { TabHeader } from '../../components/TabHeader';
import { FailureNotice } from './form-bits';

function AddPlaceModal({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const { t: tc } = useTranslation('common');
  const [name, setName] = useState('');
  const [type, setType] = useState<PlaceType>('penal_colony');
  const [region, setRegion] = useState('');
  const add = useApiMutation('timeline:add-place');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (
      await add
        .mutateAsync({ name: name.trim(), type, ...(region.trim() ? { region: region.trim() } : {}) })
        .catch(() => null)
    )
      onClose();
  };
  return (
    // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
    <Modal
      opened
      onClose={onClose}
      title={t('places.addTitle')}
      lockScroll={false}
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      <form onSubmit={(event) => void submit(event)} aria-label={t('places.addTitle')}>
        <Stack>
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
          <FailureNotice title={t('form.notSaved')} message={add.error?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={name.trim() === ''}>
              {t('places.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
