/** The custody entries of a case and its items. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The custody entries of a case and its items. */
export function CaseCustodyTab(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">CaseCustodyTab</Text>;
}
