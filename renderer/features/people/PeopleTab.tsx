/** People of a case with codes, roles and consent. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** People of a case with codes, roles and consent. */
export function PeopleTab(_props: { caseId: string }): React.JSX.Element {
  return <Text c="dimmed">PeopleTab</Text>;
}
