/** The request register editor. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The request register editor. */
export function RequestsTab(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">RequestsTab</Text>;
}
