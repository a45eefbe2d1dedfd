/**
 * The frame every editing dialog shares: a Mantine modal, and inside it a form
 * named after the dialog with its fields, the failure notice and Cancel / submit.
 */
import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureNotice } from './QueryStatus';

/** A dialog titled `title` around `children`; mount it only while open, so each opening starts fresh. */
export function DialogFrame({
  title,
  onClose,
  size,
  children,
}: {
  title: string;
  onClose: () => void;
  size?: ModalProps['size'];
  children: ReactNode;
}): React.JSX.Element {
  const { t: tc } = useTranslation('common');
  return (
    // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
    <Modal
      opened
      onClose={onClose}
      title={title}
      lockScroll={false}
      {...(size === undefined ? {} : { size })}
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      {children}
    </Modal>
  );
}

/** What the form reads of a save in flight (a mutation's state). */
interface SaveState {
  error: { message: string } | null;
  isPending: boolean;
}

/** What the form part of an editing dialog needs: its name, its save, and how that save went. */
interface DialogFormProps {
  /** The form's accessible name (the dialog's title). */
  label: string;
  /** Runs on submit (the page is not reloaded); it catches its own failures, which `error` then shows. */
  onSubmit: () => Promise<void> | void;
  onCancel: () => void;
  /** The save's mutation(s): busy while one runs; the first failure's message is shown under `errorTitle`. */
  saving: SaveState | readonly SaveState[];
  errorTitle: string;
  submitLabel: string;
  canSubmit: boolean;
  /** The fields. */
  children: ReactNode;
}

/** The form: fields, then the failure notice, then Cancel and the submit button on the right. */
export function DialogForm(props: DialogFormProps): React.JSX.Element {
  const { t: tc } = useTranslation('common');
  const saves: readonly SaveState[] = 'isPending' in props.saving ? [props.saving] : props.saving;
  const failed = saves.find((s) => s.error !== null)?.error;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void props.onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label={props.label}>
      <Stack>
        {props.children}
        <FailureNotice title={props.errorTitle} message={failed?.message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {tc('cancel')}
          </Button>
          <Button type="submit" loading={saves.some((s) => s.isPending)} disabled={!props.canSubmit}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A dialog holding one form: the usual editing dialog, titled and named `title`. */
export function FormModal({
  title,
  onClose,
  size,
  ...form
}: Omit<DialogFormProps, 'label' | 'onCancel'> & {
  title: string;
  onClose: () => void;
  size?: ModalProps['size'];
}): React.JSX.Element {
  return (
    <DialogFrame title={title} onClose={onClose} {...(size === undefined ? {} : { size })}>
      <DialogForm label={title} onCancel={onClose} {...form} />
    </DialogFrame>
  );
}
