/**
 * The preview's warning about originals that name protected people: which item,
 * whose code, how often and where — never the name — and the sender's
 * confirmation that they checked them, without which the export does not go on.
 */
import { Alert, Checkbox, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';

type NameHit = Res<'packages:plan'>['nameHits'][number];

interface NameHitsWarningProps {
  hits: NameHit[];
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

/** The warning with its list of hits and the "I have checked these items" box; nothing when there are no hits. */
export function NameHitsWarning({ hits, checked, onChecked }: NameHitsWarningProps): React.JSX.Element | null {
  const { t } = useTranslation('export');
  if (hits.length === 0) return null;
  return (
    <Alert color="orange" role="alert" title={t('preview.names.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('preview.names.body')}</Text>
        <List spacing={4} size="sm" aria-label={t('preview.names.listLabel')}>
          {hits.map((h) => (
            <List.Item key={`${h.itemId}-${h.code}`}>
              {t('preview.names.hit', {
                position: String(h.position).padStart(3, '0'),
                title: h.title,
                code: h.code,
                count: h.count,
                fields: h.fields.map((f) => t(`preview.names.fields.${f}`)).join(', '),
              })}
            </List.Item>
          ))}
        </List>
        <Checkbox
          label={t('preview.names.confirm')}
          checked={checked}
          onChange={(e) => onChecked(e.currentTarget.checked)}
        />
      </Stack>
    </Alert>
  );
}
