/** The custody log as a virtualized list of readable sentences; pages load from the core as it scrolls. */
import { Alert, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { entrySentence, type ReadableEntry } from './entry-sentence';
import { useCustodyPages, type CustodyScope } from './useCustodyPages';
import './custody.css';

function EntryRow({ entry }: { entry: ReadableEntry }): React.JSX.Element {
  const { t, i18n } = useTranslation('custody');
  const when = new Date(entry.ts);
  return (
    <div className="custody-entry">
      <Text size="sm">{entrySentence(t, entry)}</Text>
      <Text size="xs" c="dimmed" className="custody-entry__meta">
        <span>{t('seq', { seq: entry.seq })}</span>
        <time dateTime={entry.ts}>{when.toLocaleString(i18n.language)}</time>
        {entry.hash !== null && <span>{t('hash', { hash: entry.hash })}</span>}
        <span>{t('entryHash', { hash: entry.entryHash })}</span>
      </Text>
    </div>
  );
}

/** The entries of `scope`, newest first. */
export function CustodyLog({ scope, height = 520 }: { scope: CustodyScope; height?: number }): React.JSX.Element {
  const { t } = useTranslation('custody');
  const pages = useCustodyPages(scope);
  const entries = pages.data?.pages.flatMap((p) => p.entries) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  useEffect(() => {
    // Fetch the next page a little before the list scrolls past what is loaded.
    if (hasNextPage && !isFetchingNextPage && lastIndex >= entries.length - 20) void fetchNextPage();
  }, [lastIndex, entries.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (pages.isPending) return <Loader role="status" aria-label={t('logLabel')} />;
  if (pages.isError) {
    return (
      <Alert color="red" role="alert">
        {t('loadError', { message: pages.error.message })}
      </Alert>
    );
  }
  if (total === 0) return <Text c="dimmed">{t('empty')}</Text>;
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t('entries', { count: total })}
        </Text>
      </Group>
      <div ref={parentRef} className="custody-log" style={{ height }}>
        <div
          role="list"
          aria-label={t('logLabel')}
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((row) => {
            const entry = entries[row.index];
            return (
              <div
                key={row.key}
                role="listitem"
                tabIndex={0}
                aria-setsize={total}
                aria-posinset={row.index + 1}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="custody-log__row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {entry === undefined ? (
                  <Loader role="status" size="xs" aria-label={t('logLabel')} />
                ) : (
                  <EntryRow entry={entry} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
