/** Search across the vault with filters and highlighted snippets. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** Search across the vault with filters and highlighted snippets. */
export function SearchScreen(): React.JSX.Element {
  return <Text c="dimmed">SearchScreen</Text>;
}
