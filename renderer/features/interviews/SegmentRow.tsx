/** One editable transcript segment: seek, speaker, start and end, text, translation, split, remove, add after. */
import { ActionIcon, Button, Group, TextInput, Textarea, Tooltip } from '@mantine/core';
import { memo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSegment } from './segment-draft';
import { parseTimecode, shortTimecode } from '../../../shared/timecode';

/** What a row asks of the editor. */
export interface RowActions {
  change(index: number, patch: Partial<DraftSegment>): void;
  split(index: number, at: number | undefined): void;
  remove(index: number): void;
  addAfter(index: number): void;
  seek(ms: number): void;
}

interface Props {
  index: number;
  draft: DraftSegment;
  current: boolean;
  badField: 'start' | 'end' | null;
  canSeek: boolean;
  actions: RowActions;
}

/** Two halves pushed apart: the split action. */
function SplitIcon(): React.JSX.Element {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 1v14M5 5 2 8l3 3M11 5l3 3-3 3"
        stroke="currentColor"
        strokeWidth="1.5"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

const FIELDS = 'input, textarea, button, select, a';

function SegmentRowImpl({ index, draft, current, badField, canSeek, actions }: Props): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const caret = useRef<number | undefined>(undefined);
  const n = index + 1;
  const startMs = parseTimecode(draft.start)?.ms ?? null;
  const seek = (): void => {
    if (canSeek && startMs !== null) actions.seek(startMs);
  };
  // The row itself seeks: a click on its background, or Enter while the row (not a field) has focus.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Enter' && e.target === e.currentTarget) seek();
  };
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    if (!(e.target instanceof Element) || e.target.closest(FIELDS) === null) seek();
  };
  const invalid = t('segment.timeInvalid');
  return (
    <div
      className={current ? 'segment segment--current' : 'segment'}
      role="group"
      aria-label={t('segment.label', { n, time: draft.start || '—' })}
      aria-current={current ? 'true' : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
      data-segment={n}
    >
      <div className="segment__meta">
        <Button
          size="compact-sm"
          variant={current ? 'filled' : 'default'}
          color="teal.9"
          onClick={seek}
          disabled={!canSeek || startMs === null}
          aria-label={t('segment.playFrom', { n, time: startMs === null ? '—' : shortTimecode(startMs) })}
        >
          {startMs === null ? '—' : shortTimecode(startMs)}
        </Button>
        <TextInput
          size="xs"
          placeholder={t('segment.speaker')}
          value={draft.speaker}
          onChange={(e) => actions.change(index, { speaker: e.currentTarget.value })}
          aria-label={t('segment.speakerOf', { n })}
        />
        <Group gap={4} grow wrap="nowrap">
          <TextInput
            size="xs"
            placeholder={t('segment.start')}
            value={draft.start}
            onChange={(e) => actions.change(index, { start: e.currentTarget.value })}
            error={badField === 'start' ? invalid : undefined}
            aria-label={t('segment.startOf', { n })}
            spellCheck={false}
          />
          <TextInput
            size="xs"
            placeholder={t('segment.end')}
            value={draft.end}
            onChange={(e) => actions.change(index, { end: e.currentTarget.value })}
            error={badField === 'end' ? invalid : undefined}
            aria-label={t('segment.endOf', { n })}
            spellCheck={false}
          />
        </Group>
      </div>
      <Textarea
        className="segment__text"
        size="sm"
        placeholder={t('segment.text')}
        aria-label={t('segment.textOf', { n })}
        value={draft.text}
        onChange={(e) => actions.change(index, { text: e.currentTarget.value })}
        onSelect={(e) => {
          caret.current = e.currentTarget.selectionStart;
        }}
        autosize
        minRows={1}
      />
      <Textarea
        className="segment__text"
        size="sm"
        placeholder={t('segment.translation')}
        aria-label={t('segment.translationOf', { n })}
        value={draft.translation}
        onChange={(e) => actions.change(index, { translation: e.currentTarget.value })}
        autosize
        minRows={1}
      />
      <div className="segment__actions">
        <Tooltip label={t('segment.split')}>
          <ActionIcon
            variant="default"
            onClick={() => actions.split(index, caret.current)}
            aria-label={t('segment.splitOf', { n })}
          >
            <SplitIcon />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('segment.addAfter')}>
          <ActionIcon
            variant="default"
            onClick={() => actions.addAfter(index)}
            aria-label={t('segment.addAfterOf', { n })}
          >
            +
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('segment.remove')}>
          <ActionIcon
            variant="default"
            color="red"
            onClick={() => actions.remove(index)}
            aria-label={t('segment.removeOf', { n })}
          >
            ×
          </ActionIcon>
        </Tooltip>
      </div>
    </div>
  );
}

/** A segment row; memoised so typing in one row does not re-render thousands. */
export const SegmentRow = memo(SegmentRowImpl);
