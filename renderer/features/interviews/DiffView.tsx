/** The differences between two revisions, segment by segment: added, removed, and changed (naming the fields). */
import { Badge, Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
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
        <li className="diff__line diff__line--added">
          <Badge color="teal.9" variant="filled" autoContrast>
            {t('diff.added', { n: line.b + 1 })}
          </Badge>
          <SegmentText segment={line.segment} mark="ins" />
        </li>
      );
    case 'removed':
      return (
        <li className="diff__line diff__line--removed">
          <Badge color="red.9" variant="filled" autoContrast>
            {t('diff.removed', { n: line.a + 1 })}
          </Badge>
          <SegmentText segment={line.segment} mark="del" />
        </li>
      );
    case 'changed':
      return (
        <li className="diff__line diff__line--changed">
          <Badge color="yellow.4" variant="filled" autoContrast>
            {t('diff.changed', {
              a: line.a + 1,
              b: line.b + 1,
              fields: line.fields.map((f) => t(`diff.fields.${f}`)).join(', '),
            })}
          </Badge>
          <SegmentText segment={line.before} mark="del" />
          <SegmentText segment={line.after} mark="ins" />
        </li>
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
