/** Members and passphrases, recovery code, recipients, auto-lock time, language. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** Members and passphrases, recovery code, recipients, auto-lock time, language. */
export function SettingsScreen(): React.JSX.Element {
  return <Text c="dimmed">SettingsScreen</Text>;
}
