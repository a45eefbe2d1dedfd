/** What a screen shows while its data loads or when loading failed. */
import { Alert, Loader } from '@mantine/core';

/** A red alert (role=alert) with the failure message, or nothing when there is no message. */
export function FailureNotice({
  title,
  message,
}: {
  title?: string | undefined;
  message: string | null | undefined;
}): React.JSX.Element | null {
  if (message === null || message === undefined) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {message}
    </Alert>
  );
}

/** A labelled loader while `pending`, then the failure notice if `error` has a message. */
export function QueryStatus({
  pending,
  loadingLabel,
  failedTitle,
  error,
}: {
  pending: boolean;
  loadingLabel: string;
  failedTitle?: string | undefined;
  error: string | null | undefined;
}): React.JSX.Element {
  return (
    <>
      {pending && <Loader role="status" aria-label={loadingLabel} />}
      <FailureNotice title={failedTitle} message={error} />
    </>
  );
}
