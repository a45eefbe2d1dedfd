/** Above the list: Add files…, and filters by kind and by text. */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS, type ItemKind } from '../../../shared/domain';

/** The filters the list applies. */
export interface ItemFilters {
  kind: ItemKind | 'all';
  text: string;
}

/** The toolbar; `busy` disables adding while an add runs. */
export function ItemsToolbar({
  filters,
  onFilters,
  onAdd,
  busy,
}: {
  filters: ItemFilters;
  onFilters: (f: ItemFilters) => void;
  onAdd: () => void;
  busy: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const kinds = [
    { value: 'all', label: t('filter.allKinds') },
    ...ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
  ];
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Button onClick={onAdd} disabled={busy}>
        {t('add.button')}
      </Button>
      <NativeSelect
        label={t('filter.kind')}
        data={kinds}
        value={filters.kind}
        onChange={(e) => onFilters({ ...filters, kind: e.currentTarget.value as ItemFilters['kind'] })}
      />
      <TextInput
        className="items-toolbar__search"
        label={t('filter.text')}
        placeholder={t('filter.textPlaceholder')}
        value={filters.text}
        onChange={(e) => onFilters({ ...filters, text: e.currentTarget.value })}
      />
    </Group>
  );
}
