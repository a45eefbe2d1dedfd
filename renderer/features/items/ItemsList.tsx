/**
 * The case's items as a virtualized list (TanStack Virtual): only the rows in
 * view are in the page, and only their pages are read, so 10,000 items paint
 * and scroll like ten. Each row is a button; arrow keys move between rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatBytes } from '../../../shared/format';
import { formatPartialDate, type ItemRow } from './format';
import { PAGE_ROWS, type PageWindow } from './useItemPages';

const ROW_HEIGHT = 60;

// Plain elements, one translation hook for the whole list: rows are made on every scrolled frame.
function RowContent({ row, t, locale }: { row: ItemRow; t: TFunction<'items'>; locale: string }): React.JSX.Element {
  const facts = [
    t(`kind.${row.kind}`),
    formatPartialDate(row.date, row.dateApprox, locale),
    formatBytes(row.size, locale),
  ].filter((s) => s !== '');
  return (
    <>
      <span className="item-row__title">{row.title}</span>
      <span className="item-row__facts">
        {facts.join(' · ')}
        {row.extractionStatus === 'failed' && <span className="item-row__tag">{t('row.noText')}</span>}
        {row.derivativeOf !== null && (
          <span className="item-row__tag">{t('row.derivative', { kind: row.derivativeKind ?? '' })}</span>
        )}
        {row.derivativeCount > 0 && (
          <span className="item-row__tag">{t('row.derivatives', { count: row.derivativeCount })}</span>
        )}
      </span>
    </>
  );
}

/** The list of `total` rows; `rowAt` gives a loaded row, `onWindow` says which pages are in view. */
export function ItemsList(props: {
  total: number;
  rowAt: (index: number) => ItemRow | undefined;
  onWindow: (w: PageWindow) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}): React.JSX.Element {
  const { total, rowAt, onWindow, selectedId, onSelect } = props;
  const { t, i18n } = useTranslation('items');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const visible = virtualizer.getVirtualItems();
  const firstPage = Math.floor((visible[0]?.index ?? 0) / PAGE_ROWS);
  const lastPage = Math.floor((visible[visible.length - 1]?.index ?? 0) / PAGE_ROWS);
  useEffect(() => onWindow({ first: firstPage, last: lastPage }), [firstPage, lastPage, onWindow]);

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(total - 1, index));
      virtualizer.scrollToIndex(target);
      // The row may only exist after the next render of the window of rows.
      requestAnimationFrame(() =>
        scrollRef.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] button`)?.focus(),
      );
    },
    [total, virtualizer],
  );

  const onKeyDown = (event: React.KeyboardEvent, index: number): void => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: total - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  };

  return (
    <div ref={scrollRef} className="items-list" data-testid="items-list">
      <div
        role="list"
        aria-label={t('list.label', { count: total })}
        className="items-list__inner"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {visible.map((v) => {
          const row = rowAt(v.index);
          return (
            <div
              key={row?.id ?? `pending-${v.index}`}
              role="listitem"
              data-index={v.index}
              className="items-list__row"
              style={{ height: v.size, transform: `translateY(${v.start}px)` }}
            >
              {row === undefined ? (
                <div className="item-row item-row--pending">{t('list.loadingRow')}</div>
              ) : (
                <button
                  type="button"
                  className="item-row"
                  aria-current={row.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(row.id)}
                  onKeyDown={(e) => onKeyDown(e, v.index)}
                >
                  <RowContent row={row} t={t} locale={i18n.language} />
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
