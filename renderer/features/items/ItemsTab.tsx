/** Items: add with progress and cancel, viewers, metadata, derivatives. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** Items: add with progress and cancel, viewers, metadata, derivatives. */
export function ItemsTab(_props: { caseId: string; focusId?: string | undefined }): React.JSX.Element {
  return <Text c="dimmed">ItemsTab</Text>;
}
