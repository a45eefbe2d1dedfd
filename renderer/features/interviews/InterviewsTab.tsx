/** Interviews and the transcript editor. (placeholder until the screen lands) */
import { Text } from '@mantine/core';

/** Interviews and the transcript editor. */
export function InterviewsTab(_props: { caseId: string; focusId?: string | undefined }): React.JSX.Element {
  return <Text c="dimmed">InterviewsTab</Text>;
}
