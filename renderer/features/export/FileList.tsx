/** The bag's files as the preview lists them: path and size, virtualized for large cases. */
import { Badge, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { formatBytes } from '../../../shared/format';

type Plan = Res<'packages:plan'>;

/** One row: a path in the bag and what is known of its size. */
interface FileRow {
  path: string;
  size: number | null;
  note: 'exif' | 'generated' | 'tag' | null;
}

/** Every file of the bag, items first, as rows. */
export function bagRows(plan: Plan, bag: string): FileRow[] {
  return [
    ...plan.items.map((i) => ({
      path: `${bag}/${i.path}`,
      size: i.size,
      note: i.exifStripped ? ('exif' as const) : null,
    })),
    ...plan.generated.map((path) => ({ path: `${bag}/${path}`, size: null, note: 'generated' as const })),
    ...plan.tagFiles.map((path) => ({ path: `${bag}/${path}`, size: null, note: 'tag' as const })),
  ];
}

const ROW_HEIGHT = 34;

/** The file list. */
export function FileList({ rows }: { rows: FileRow[] }): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      ref={scroller}
      className="export-files"
      tabIndex={0}
      role="region"
      aria-label={t('preview.filesLabel', { count: rows.length })}
    >
      <ul className="export-files__list" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (row === undefined) return null;
          return (
            <li
              key={row.path}
              className="export-files__row"
              style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
            >
              <Text span ff="monospace" size="sm" className="export-files__path">
                {row.path}
              </Text>
              <span className="export-files__size">
                {row.size !== null && (
                  <Text span size="sm">
                    {formatBytes(row.size, i18n.language)}
                  </Text>
                )}
                {row.note !== null && (
                  <Badge variant="light" color={row.note === 'exif' ? 'orange' : 'gray'} className="export-badge">
                    {t(`preview.note.${row.note}`)}
                  </Badge>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
