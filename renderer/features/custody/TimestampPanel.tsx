/**
 * Trusted timestamps (RFC 3161) of checkpoints: save a request for a connected computer to send
 * to a timestamp authority, attach its reply with the authority's CA certificate, see what is
 * attached. Files come from Vigil's own dialogs as grants; the window never names a path.
 */
import { Alert, Button, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { request } from '../../api/vigil';

const SHOWN = 5;

/** The chosen file's grant, or null when the dialog was cancelled. */
async function chooseOne(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const { files } = await request('dialog:open-files', {
    title,
    multiple: false,
    filters: [filter, { name: '*', extensions: ['*'] }],
  });
  return files[0]?.grant ?? null;
}

function Attached(): React.JSX.Element | null {
  const { t, i18n } = useTranslation('custody');
  const list = useApiQuery('custody:timestamps', {});
  if (list.data === undefined) return null;
  const { attached, pending } = list.data;
  return (
    <Stack gap={4}>
      {attached.length === 0 ? (
        <Text size="sm">{t('timestamp.none')}</Text>
      ) : (
        <List size="sm" aria-label={t('timestamp.listLabel')}>
          {attached.slice(0, SHOWN).map((a) => (
            <List.Item key={a.tokenSha256}>
              {t('timestamp.item', {
                size: a.checkpointSize,
                date: new Date(a.genTime).toLocaleString(i18n.language),
                tsa: a.tsa,
              })}
            </List.Item>
          ))}
        </List>
      )}
      {pending > 0 && <Text size="sm">{t('timestamp.pending', { count: pending })}</Text>}
    </Stack>
  );
}

/** The Timestamp action of the Custody screen. */
export function TimestampPanel(): React.JSX.Element {
  const { t, i18n } = useTranslation('custody');
  const save = useApiMutation('custody:timestamp-request');
  const attach = useApiMutation('custody:timestamp-attach');

  const saveRequest = async (): Promise<void> => {
    const { file } = await request('dialog:save-file', {
      title: t('timestamp.saveTitle'),
      defaultName: 'vigil-checkpoint.tsq',
    });
    if (file !== null) save.mutate({ output: file.grant });
  };
  const attachReply = async (): Promise<void> => {
    const reply = await chooseOne(t('timestamp.replyTitle'), { name: t('timestamp.replyFilter'), extensions: ['tsr'] });
    if (reply === null) return;
    const chain = await chooseOne(t('timestamp.chainTitle'), {
      name: t('timestamp.chainFilter'),
      extensions: ['pem', 'crt', 'cer'],
    });
    if (chain === null) return;
    attach.mutate({ reply, chain });
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('timestamp.title')}
      </Title>
      <Text size="sm">{t('timestamp.explain')}</Text>
      <Attached />
      <Group>
        <Button variant="default" onClick={() => void saveRequest()} loading={save.isPending}>
          {t('timestamp.save')}
        </Button>
        <Button variant="default" onClick={() => void attachReply()} loading={attach.isPending}>
          {t('timestamp.attach')}
        </Button>
      </Group>
      {save.isSuccess && (
        <Stack gap={4} role="status">
          <Text size="sm">{t('timestamp.saved', { file: save.data.fileName, size: save.data.checkpointSize })}</Text>
          <Code block className="custody-note">
            {`curl --data-binary @${save.data.fileName} -H 'Content-Type: application/timestamp-query' ` +
              `https://TSA-URL/ > reply.tsr`}
          </Code>
        </Stack>
      )}
      {save.isError && (
        <Alert color="red" role="alert">
          {t('timestamp.saveError', { message: save.error.message })}
        </Alert>
      )}
      {attach.isSuccess && (
        <Alert color="green" role="status" title={t('timestamp.attachedTitle')}>
          <Text size="sm">
            {t('timestamp.attached', {
              size: attach.data.checkpointSize,
              date: new Date(attach.data.genTime).toLocaleString(i18n.language),
              tsa: attach.data.tsa,
            })}
          </Text>
          <Text size="sm">{t('timestamp.fingerprint', { fingerprint: attach.data.rootFingerprint })}</Text>
        </Alert>
      )}
      {attach.isError && (
        <Alert color="red" role="alert" title={t('timestamp.refusedTitle')}>
          {attach.error.message}
        </Alert>
      )}
    </Stack>
  );
}
