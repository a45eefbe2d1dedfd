/** The cases as a list of rows: each opens its workspace on click or Enter, with its own Edit button. */
import { Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { statusColor } from './status';

/** A case with its counts, as cases:list answers. */
type CaseSummary = Res<'cases:list'>[number];

const COUNT_KEYS = ['people', 'items', 'interviews', 'events', 'requests'] as const;

function CaseRow({
  summary,
  onOpen,
  onEdit,
}: {
  summary: CaseSummary;
  onOpen: () => void;
  onEdit: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <Paper component="li" withBorder className="case-row">
      <UnstyledButton className="case-row__open" onClick={onOpen}>
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} className="case-row__title">
              {summary.title}
            </Text>
            <Badge color={statusColor(summary.status)} variant="dot">
              {t(`status.${summary.status}`)}
            </Badge>
          </Group>
          {summary.reference !== null && (
            <Text size="sm" c="dimmed" ff="monospace">
              {summary.reference}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {COUNT_KEYS.map((k) => `${t(`counts.${k}`)} ${summary.counts[k]}`).join(' · ')}
          </Text>
        </Stack>
      </UnstyledButton>
      <Button
        variant="subtle"
        size="compact-sm"
        className="case-row__edit"
        onClick={onEdit}
        aria-label={t('editCase', { title: summary.title })}
      >
        {t('edit')}
      </Button>
    </Paper>
  );
}

/** The list; `onOpen` and `onEdit` receive the chosen case. */
export function CaseList({
  cases,
  onOpen,
  onEdit,
}: {
  cases: CaseSummary[];
  onOpen: (c: CaseSummary) => void;
  onEdit: (c: CaseSummary) => void;
}): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <Stack component="ul" gap="xs" className="case-list" aria-label={t('listLabel')}>
      {cases.map((c) => (
        <CaseRow key={c.id} summary={c} onOpen={() => onOpen(c)} onEdit={() => onEdit(c)} />
      ))}
    </Stack>
  );
}
