/** The timeline editor. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The timeline editor. */
export function TimelineTab(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">TimelineTab</Text>;
}
