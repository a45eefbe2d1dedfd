/** The custody entries of the whole vault, readable, with Verify. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** The custody entries of the whole vault, readable, with Verify. */
export function VaultCustodyScreen(): React.JSX.Element {
  return <Text c="dimmed">VaultCustodyScreen</Text>;
}
