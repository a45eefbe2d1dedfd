/** The export wizard. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The export wizard. */
export function ExportTab(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">ExportTab</Text>;
}
