/** The list of cases with search and status; create and edit. */
import './cases.css';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain';
import { useApiQuery } from '../../api/queries';
import { useRouter } from '../../app/router';
import { QueryStatus } from '../../components/QueryStatus';
import { TabHeader } from '../../components/TabHeader';
import { CaseFormModal, type CaseRecord } from './CaseFormModal';
import { CaseList } from './CaseList';

type Dialog = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; record: CaseRecord };

function EmptyState({ filtered, onCreate }: { filtered: boolean; onCreate: () => void }): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {filtered ? t('empty.noMatchTitle') : t('empty.title')}
        </Title>
        <Text>{filtered ? t('empty.noMatch') : t('empty.body')}</Text>
        {!filtered && <Button onClick={onCreate}>{t('newCase')}</Button>}
      </Stack>
    </Paper>
  );
}

/** The cases screen. */
export function CasesScreen(): React.JSX.Element {
  const { t } = useTranslation('cases');
  const { navigate } = useRouter();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [debouncedText] = useDebouncedValue(text.trim(), 200);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const filter = { ...(debouncedText ? { text: debouncedText } : {}), ...(status ? { status } : {}) };
  const cases = useApiQuery('cases:list', filter);
  const filtered = debouncedText !== '' || status !== '';

  return (
    <Stack>
      <TabHeader
        order={1}
        title={t('title')}
        actions={
          <Group>
            <Button variant="default" onClick={() => navigate({ screen: 'receive' })}>
              {t('receive')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'create' })}>{t('newCase')}</Button>
          </Group>
        }
      />
      <Group align="end" role="search" aria-label={t('filters')}>
        <TextInput
          className="cases-filters__search"
          type="search"
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | '')}
          data={[
            { value: '', label: t('allStatuses') },
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
      </Group>
      <QueryStatus
        pending={cases.isPending}
        loadingLabel={t('loading')}
        failedTitle={t('loadFailed')}
        error={cases.error?.message}
      />
      {cases.data?.length === 0 && <EmptyState filtered={filtered} onCreate={() => setDialog({ kind: 'create' })} />}
      {cases.data !== undefined && cases.data.length > 0 && (
        <CaseList
          cases={cases.data}
          onOpen={(c) => navigate({ screen: 'case', caseId: c.id, tab: 'overview' })}
          onEdit={(c) => setDialog({ kind: 'edit', record: c })}
        />
      )}
      {dialog.kind !== 'closed' && (
        // A new case appears in the list, where it is opened like any other.
        <CaseFormModal
          existing={dialog.kind === 'edit' ? dialog.record : null}
          onClose={() => setDialog({ kind: 'closed' })}
        />
      )}
    </Stack>
  );
}
