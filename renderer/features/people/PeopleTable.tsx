/** The people of a case as a table: code, name (hidden unless consented or revealed), roles, consent, actions. */
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
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

/** The dialogs a row opens, with each button's words and accessible name. */
const DIALOG_BUTTONS = [
  { action: 'edit', label: 'edit', name: 'editOf' },
  { action: 'consent', label: 'consentButton', name: 'consentOf' },
  { action: 'role', label: 'addRole', name: 'roleOf' },
] as const;

/** The buttons of one person's row. */
function ActionsCell({
  person,
  onAction,
}: {
  person: PersonEntry;
  onAction: (a: PersonAction) => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  return (
    <Group gap={4} wrap="nowrap">
      {DIALOG_BUTTONS.map((b) => (
        <Button
          key={b.action}
          size="compact-sm"
          variant="default"
          onClick={() => onAction(b.action)}
          aria-label={t(b.name, { code: person.code })}
        >
          {t(b.label)}
        </Button>
      ))}
    </Group>
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
  const columns: Column<PersonEntry>[] = [
    {
      header: t('col.code'),
      rowHeader: true,
      cell: (p) => (
        <Text ff="monospace" fw={600} size="sm">
          {p.code}
        </Text>
      ),
    },
    {
      header: t('col.name'),
      cell: (p) => <NameCell person={p} revealed={revealed.get(p.id)} onAction={(a) => onAction(p, a)} />,
    },
    {
      header: t('col.roles'),
      cell: (p) => (
        <Group gap={4}>
          {p.roles.map((r) => (
            <Badge key={r} variant="default">
              {t(`roles.${r}`)}
            </Badge>
          ))}
        </Group>
      ),
    },
    { header: t('col.consent'), cell: (p) => <ConsentCell consent={p.consent} /> },
    { header: t('col.actions'), cell: (p) => <ActionsCell person={p} onAction={(a) => onAction(p, a)} /> },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={people}
      rowKey={(p) => p.id}
      minWidth={720}
      verticalSpacing="sm"
    />
  );
}
