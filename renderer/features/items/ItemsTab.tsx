/**
 * Items: add with progress and cancel (dialog or drag and drop), a virtualized list, viewers, metadata, derivatives.
 */
import './items.css';
import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grantDroppedFiles, request } from '../../api/vigil';
import { AddOutcomeNotice, AddProgress } from './AddProgress';
import { ItemDetailPanel } from './ItemDetailPanel';
import { ItemsList } from './ItemsList';
import { ItemsToolbar, type ItemFilters } from './ItemsToolbar';
import { useAddFiles } from './useAddFiles';
import { useItemPages, type PageWindow } from './useItemPages';

/**
 * Grants for the dropped files; `missing` counts those that are not files Vigil can add (folders, links, not on disk).
 */
async function droppedGrants(event: React.DragEvent): Promise<{ grants: string[]; missing: number }> {
  const files = [...event.dataTransfer.files];
  const granted = await grantDroppedFiles(files).catch(() => []);
  return { grants: granted.map((g) => g.grant), missing: files.length - granted.length };
}

/** The items tab of case `caseId`; `focusId` opens that item. */
export function ItemsTab({ caseId, focusId }: { caseId: string; focusId?: string | undefined }): React.JSX.Element {
  const { t } = useTranslation('items');
  const [filters, setFilters] = useState<ItemFilters>({ kind: 'all', text: '' });
  const deferredFilters = useDeferredValue(filters);
  const [pageWindow, setPageWindow] = useState<PageWindow>({ first: 0, last: 0 });
  const onWindow = useCallback(
    (w: PageWindow) => setPageWindow((old) => (old.first === w.first && old.last === w.last ? old : w)),
    [],
  );
  const pages = useItemPages(caseId, deferredFilters, pageWindow);
  const filtered = deferredFilters.kind !== 'all' || deferredFilters.text.trim() !== '';
  const [selected, setSelected] = useState<string | null>(focusId ?? null);
  const [dragging, setDragging] = useState(false);
  const [dropProblem, setDropProblem] = useState(false);
  const adder = useAddFiles(caseId);

  const chooseFiles = async (): Promise<void> => {
    const { files } = await request('dialog:open-files', { title: t('add.dialogTitle'), multiple: true });
    await adder.add(files.map((f) => f.grant));
  };

  const onDrop = (event: React.DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    void droppedGrants(event).then(({ grants, missing }) => {
      setDropProblem(missing > 0);
      return adder.add(grants);
    });
  };

  return (
    <div
      className="items-tab"
      data-dragging={dragging ? 'true' : undefined}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Stack gap="sm" className="items-tab__main">
        <ItemsToolbar
          filters={filters}
          onFilters={setFilters}
          onAdd={() => void chooseFiles()}
          busy={adder.progress !== null}
        />
        <Text size="xs" c="dimmed">
          {t('add.dropHint')}
        </Text>
        {adder.progress !== null && <AddProgress progress={adder.progress} onCancel={() => void adder.cancel()} />}
        {adder.outcome !== null && <AddOutcomeNotice outcome={adder.outcome} onClose={adder.dismiss} />}
        {dropProblem && (
          <Alert color="orange" withCloseButton onClose={() => setDropProblem(false)} closeButtonLabel={t('dismiss')}>
            {t('add.dropUnreadable')}
          </Alert>
        )}
        {pages.total === undefined && pages.error === null && (
          <Loader role="status" size="sm" aria-label={t('list.loading')} />
        )}
        {pages.error !== null && <Alert color="red">{pages.error.message}</Alert>}
        {pages.total === 0 && <Text c="dimmed">{filtered ? t('list.noMatch') : t('list.empty')}</Text>}
        {pages.total !== undefined && pages.total > 0 && (
          <ItemsList
            total={pages.total}
            rowAt={pages.rowAt}
            onWindow={onWindow}
            selectedId={selected}
            onSelect={setSelected}
          />
        )}
      </Stack>
      {selected !== null && (
        <div className="items-tab__detail">
          <ItemDetailPanel
            key={selected}
            id={selected}
            caseId={caseId}
            onClose={() => setSelected(null)}
            onOpen={setSelected}
          />
        </div>
      )}
    </div>
  );
}
