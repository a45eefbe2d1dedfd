/** The differences between two revisions, segment by segment: added, removed, and changed (naming the fields). */
import { Badge, Checkbox, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { assertNever } from '../../../shared/errors';
import type { Segment } from './segment-draft';
import { shortTimecode } from '../../../shared/timecode';

type DiffLine = Res<'interviews:diff'>['diff'][number];

function SegmentText({ segment, mark }: { segment: Segment; mark: 'del' | 'ins' | 'none' }): React.JSX.Element {
  const time = segment.startMs === null ? '' : `[${shortTimecode(segment.startMs)}] `;
  const body = (
    <>
      {time}
      {segment.speaker !== '' && <strong>{segment.speaker}: </strong>}
      {segment.text}
      {segment.translation !== null && <span className="diff__translation">{segment.translation}</span>}
    </>
  );
  if (mark === 'del') return <del className="diff__del">{body}</del>;
  if (mark === 'ins') return <ins className="diff__ins">{body}</ins>;
  return <span>{body}</span>;
}

/** A line the revisions differ in: its badge (colour and words for the change), then the segment text(s). */
function MarkedLine({
  op,
  colour,
  badge,
  children,
}: {
  op: Exclude<DiffLine['op'], 'unchanged'>;
  colour: string;
  badge: string;
  children: ReactNode;
}): React.JSX.Element {
  return (
    <li className={`diff__line diff__line--${op}`}>
      <Badge color={colour} variant="filled" autoContrast>
        {badge}
      </Badge>
      {children}
    </li>
  );
}

function Line({ line }: { line: DiffLine }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  switch (line.op) {
    case 'unchanged':
      return (
        <li className="diff__line">
          <SegmentText segment={line.segment} mark="none" />
        </li>
      );
    case 'added':
      return (
        <MarkedLine op="added" colour="teal.9" badge={t('diff.added', { n: line.b + 1 })}>
          <SegmentText segment={line.segment} mark="ins" />
        </MarkedLine>
      );
    case 'removed':
      return (
        <MarkedLine op="removed" colour="red.9" badge={t('diff.removed', { n: line.a + 1 })}>
          <SegmentText segment={line.segment} mark="del" />
        </MarkedLine>
      );
    case 'changed':
      return (
        <MarkedLine
          op="changed"
          colour="yellow.4"
          badge={t('diff.changed', {
            a: line.a + 1,
            b: line.b + 1,
            fields: line.fields.map((f) => t(`diff.fields.${f}`)).join(', '),
          })}
        >
          <SegmentText segment={line.before} mark="del" />
          <SegmentText segment={line.after} mark="ins" />
        </MarkedLine>
      );
    default:
      return assertNever(line, 'diff line');
  }
}

/** The diff of revision `from` to `to`. */
export function DiffView({ from, to, diff }: { from: number; to: number; diff: DiffLine[] }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const [showUnchanged, setShowUnchanged] = useState(false);
  const count = (op: DiffLine['op']): number => diff.filter((d) => d.op === op).length;
  const shown = showUnchanged ? diff : diff.filter((d) => d.op !== 'unchanged');
  return (
    <Stack gap="xs" className="diff">
      <Text fw={600} role="status">
        {t('diff.summary', {
          from,
          to,
          changed: count('changed'),
          added: count('added'),
          removed: count('removed'),
          unchanged: count('unchanged'),
        })}
      </Text>
      <Checkbox
        label={t('diff.showUnchanged')}
        checked={showUnchanged}
        onChange={(e) => setShowUnchanged(e.currentTarget.checked)}
      />
      {shown.length === 0 ? (
        <Text size="sm">{t('diff.same')}</Text>
      ) : (
        <ol className="diff__list" aria-label={t('diff.label', { from, to })}>
          {shown.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </ol>
      )}
    </Stack>
  );
}
