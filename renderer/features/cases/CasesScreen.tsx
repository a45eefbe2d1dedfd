/** The list of cases with search and status; create and edit. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The list of cases with search and status; create and edit. */
export function CasesScreen(): React.JSX.Element {
  return <Text c="dimmed">CasesScreen</Text>;
}
