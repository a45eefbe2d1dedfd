/** The header of a tab or screen: a title with its action buttons on one row, then an optional intro line. */
import { Group, Text, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

/** Heading level of the title; the visual size is one step smaller so tabs under the case title stay calm. */
type HeaderOrder = Extract<TitleOrder, 1 | 2 | 3>;

const SIZE: Record<HeaderOrder, string> = { 1: 'h2', 2: 'h3', 3: 'h4' };

/** Title + actions (buttons) in a row, then the dimmed intro text when given. */
export function TabHeader({
  title,
  intro,
  actions,
  order = 2,
}: {
  title: string;
  intro?: string | undefined;
  actions?: ReactNode;
  order?: HeaderOrder;
}): React.JSX.Element {
  return (
    <>
      <Group justify="space-between">
        <Title order={order} size={SIZE[order]}>
          {title}
        </Title>
        {actions}
      </Group>
      {intro !== undefined && (
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      )}
    </>
  );
}
