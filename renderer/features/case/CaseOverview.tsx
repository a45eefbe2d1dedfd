/** The detainee card, status, days without contact, incommunicado chart, request statistics. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The detainee card, status, days without contact, incommunicado chart, request statistics. */
export function CaseOverview(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">CaseOverview</Text>;
}
