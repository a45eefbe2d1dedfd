/** The people of a case as a table: code, name (hidden unless consented or revealed), roles, consent, actions. */
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonEntry } from './people-form';

/** What a row's buttons ask for. */
export type PersonAction = 'edit' | 'consent' | 'role' | 'reveal' | 'hide';

function NameCell({
  person,
  revealed,
  onAction,
}: {
  person: PersonEntry;
  revealed: string | undefined;
  onAction: (a: PersonAction) => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  if (person.name !== null) return <Text size="sm">{person.name}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      {revealed === undefined ? (
        <Text size="sm" c="dimmed">
          {t('nameHidden')}
        </Text>
      ) : (
        <Text size="sm" fw={600}>
          {revealed}
        </Text>
      )}
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => onAction(revealed === undefined ? 'reveal' : 'hide')}
        aria-label={t(revealed === undefined ? 'revealOf' : 'hideOf', { code: person.code })}
      >
        {revealed === undefined ? t('reveal') : t('hide')}
      </Button>
    </Group>
  );
}

function ConsentCell({ consent }: { consent: PersonEntry['consent'] }): React.JSX.Element {
  const { t } = useTranslation('people');
  return (
    <Stack gap={2}>
      <Text size="sm">{consent.named ? t('consent.named') : t('consent.codeOnly')}</Text>
      {consent.shareWith.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('consent.shareWith', { list: consent.shareWith.join(', ') })}
        </Text>
      )}
      {(consent.date !== null || consent.method !== null) && (
        <Text size="xs" c="dimmed">
          {t('consent.given', { date: consent.date ?? '?', method: consent.method ?? '—' })}
        </Text>
      )}
    </Stack>
  );
}

/** The table; `revealed` holds names revealed in this window, by person id. */
export function PeopleTable({
  people,
  revealed,
  onAction,
}: {
  people: PersonEntry[];
  revealed: ReadonlyMap<string, string>;
  onAction: (p: PersonEntry, a: PersonAction) => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label={t('tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('col.code')}</Table.Th>
            <Table.Th scope="col">{t('col.name')}</Table.Th>
            <Table.Th scope="col">{t('col.roles')}</Table.Th>
            <Table.Th scope="col">{t('col.consent')}</Table.Th>
            <Table.Th scope="col">{t('col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row">
                <Text ff="monospace" fw={600} size="sm">
                  {p.code}
                </Text>
              </Table.Th>
              <Table.Td>
                <NameCell person={p} revealed={revealed.get(p.id)} onAction={(a) => onAction(p, a)} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {p.roles.map((r) => (
                    <Badge key={r} variant="default">
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <ConsentCell consent={p.consent} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => onAction(p, 'edit')}
                    aria-label={t('editOf', { code: p.code })}
                  >
                    {t('edit')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => onAction(p, 'consent')}
                    aria-label={t('consentOf', { code: p.code })}
                  >
                    {t('consentButton')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => onAction(p, 'role')}
                    aria-label={t('roleOf', { code: p.code })}
                  >
                    {t('addRole')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
