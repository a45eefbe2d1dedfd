/**
 * People of a case with codes, roles and consent: add, edit, add a role, edit
 * consent. Names without consent are hidden; a name revealed on demand is
 * kept in this tab's state only, so leaving the tab or locking forgets it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/errors';
import { useApiQuery } from '../../api/queries';
import { ApiError, request } from '../../api/vigil';
import { EmptyNotice, ListTab } from '../../components/ListTab';
import { AddPersonModal } from './AddPersonModal';
import { AddRoleModal } from './AddRoleModal';
import { ConsentModal } from './ConsentModal';
import { EditPersonModal } from './EditPersonModal';
import { PeopleTable, type PersonAction } from './PeopleTable';
import type { PersonEntry } from './people-form';

type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'edit' | 'consent' | 'role'; person: PersonEntry };

/** People of a case with codes, roles and consent. */
export function PeopleTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('people');
  const people = useApiQuery('people:list', { caseId });
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const close = (): void => setDialog({ kind: 'none' });

  const reveal = async (p: PersonEntry): Promise<void> => {
    setError(null);
    try {
      const { name } = await request('people:reveal', { id: p.id });
      setRevealed((m) => new Map(m).set(p.id, name));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const onAction = (p: PersonEntry, action: PersonAction): void => {
    switch (action) {
      case 'reveal':
        return void reveal(p);
      case 'hide':
        return setRevealed((m) => new Map([...m].filter(([id]) => id !== p.id)));
      case 'edit':
      case 'consent':
      case 'role':
        return setDialog({ kind: action, person: p });
      default:
        return assertNever(action, 'person action');
    }
  };

  return (
    <ListTab
      title={t('title')}
      intro={t('intro')}
      addLabel={t('add')}
      onAdd={() => setDialog({ kind: 'add' })}
      status={{ pending: people.isPending, loadingLabel: t('loading'), error: people.error?.message ?? error }}
    >
      {people.data?.length === 0 && <EmptyNotice text={t('empty')} />}
      {people.data !== undefined && people.data.length > 0 && (
        <PeopleTable people={people.data} revealed={revealed} onAction={onAction} />
      )}
      {dialog.kind === 'add' && <AddPersonModal caseId={caseId} onClose={close} />}
      {dialog.kind === 'edit' && <EditPersonModal id={dialog.person.id} code={dialog.person.code} onClose={close} />}
      {dialog.kind === 'consent' && <ConsentModal person={dialog.person} onClose={close} />}
      {dialog.kind === 'role' && <AddRoleModal caseId={caseId} person={dialog.person} onClose={close} />}
    </ListTab>
  );
}
