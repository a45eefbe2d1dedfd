/** The segment rows: all of them for a short transcript, a virtualized window of them for a long one. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSegment } from './segment-draft';
import { SegmentRow, type RowActions } from './SegmentRow';

/** Above this many segments only the visible rows are in the page. */
const VIRTUALIZE_ABOVE = 80;

interface Props {
  drafts: DraftSegment[];
  playing: number;
  bad: { index: number; field: 'start' | 'end' } | null;
  canSeek: boolean;
  actions: RowActions;
  label: string;
}

function VirtualRows({ drafts, playing, bad, canSeek, actions, label }: Props): React.JSX.Element {
  const scroller = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: drafts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 150,
    overscan: 6,
    getItemKey: (i) => drafts[i]?.key ?? i,
  });
  // Follow playback: keep the segment being played in view.
  useEffect(() => {
    if (playing >= 0) virtualizer.scrollToIndex(playing, { align: 'auto' });
  }, [playing, virtualizer]);
  return (
    <div ref={scroller} className="segments segments--virtual" role="region" aria-label={label} tabIndex={-1}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const draft = drafts[row.index];
          if (draft === undefined) return null;
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                insetInlineStart: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
              }}
            >
              <SegmentRow
                index={row.index}
                draft={draft}
                current={row.index === playing}
                badField={bad?.index === row.index ? bad.field : null}
                canSeek={canSeek}
                actions={actions}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Column titles for sighted readers; every field also carries its own accessible name ("Text of segment 3"). */
function ColumnTitles(): React.JSX.Element {
  const { t } = useTranslation('interviews');
  return (
    <div className="segment segment--titles" aria-hidden="true">
      <span>{t('editor.colTime')}</span>
      <span>{t('segment.text')}</span>
      <span>{t('segment.translation')}</span>
      <span />
    </div>
  );
}

/** The list of segment rows. */
export function SegmentList(props: Props): React.JSX.Element {
  if (props.drafts.length > VIRTUALIZE_ABOVE) {
    return (
      <>
        <ColumnTitles />
        <VirtualRows {...props} />
      </>
    );
  }
  const { drafts, playing, bad, canSeek, actions, label } = props;
  return (
    <div className="segments" role="region" aria-label={label}>
      <ColumnTitles />
      {drafts.map((draft, index) => (
        <SegmentRow
          key={draft.key}
          index={index}
          draft={draft}
          current={index === playing}
          badField={bad?.index === index ? bad.field : null}
          canSeek={canSeek}
          actions={actions}
        />
      ))}
    </div>
  );
}
