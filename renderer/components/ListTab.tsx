/**
 * The frame of a case tab that lists records: its header with the one button
 * that adds a record, what the list's query is doing, then the tab's own body;
 * and the notice a tab shows when there is nothing to list.
 */
import { Button, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryStatus } from './QueryStatus';
import { TabHeader } from './TabHeader';

/** Title (and intro) with the add button, the loader or failure of the list's query, then `children`. */
export function ListTab({
  title,
  intro,
  addLabel,
  onAdd,
  status,
  children,
}: {
  title: string;
  intro?: string;
  addLabel: string;
  onAdd: () => void;
  status: Parameters<typeof QueryStatus>[0];
  children: ReactNode;
}): React.JSX.Element {
  return (
    <Stack>
      <TabHeader title={title} intro={intro} actions={<Button onClick={onAdd}>{addLabel}</Button>} />
      <QueryStatus {...status} />
      {children}
    </Stack>
  );
}

/** "Nothing here yet" (or "nothing matches"), in a bordered box. */
export function EmptyNotice({ text }: { text: string }): React.JSX.Element {
  return (
    <Paper withBorder p="lg">
      <Text>{text}</Text>
    </Paper>
  );
}
