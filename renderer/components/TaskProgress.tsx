/** A running task's progress bar, what it has done so far in words, and its Cancel button. */
import { Button, Group, Progress, Stack, Text } from '@mantine/core';

/** `done` of `total` (null while unknown) as a bar named `label`; `status` says it in words. */
export function TaskProgress({
  done,
  total,
  label,
  status,
  cancelLabel,
  onCancel,
}: {
  done: number;
  total: number | null;
  label: string;
  status: string;
  cancelLabel: string;
  onCancel: () => void;
}): React.JSX.Element {
  const percent = total === null || total === 0 ? 0 : Math.min(100, (done / total) * 100);
  return (
    <Stack gap="xs">
      <Progress value={percent} animated aria-label={label} />
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">
          {status}
        </Text>
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </Group>
    </Stack>
  );
}
