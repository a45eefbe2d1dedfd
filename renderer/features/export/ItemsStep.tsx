/** Step 1: the whole case, or chosen items from a (virtualized) list with checkboxes. */
import { Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { formatBytes } from '../../../shared/format';
import type { ExportChoices } from './wizard-state';

type Candidate = Res<'packages:plan'>['candidates'][number];

const ROW_HEIGHT = 40;

function ItemList({
  candidates,
  chosen,
  onToggle,
}: {
  candidates: Candidate[];
  chosen: Set<string>;
  onToggle: (id: string) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const scroller = useRef<HTMLDivElement>(null);
  // Cases can hold thousands of items: only the rows in view are in the page.
  const rows = useVirtualizer({
    count: candidates.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div ref={scroller} className="export-items" role="group" aria-label={t('items.listLabel')}>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map((row) => {
          const item = candidates[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={item.id}
              className="export-items__row"
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <Checkbox
                checked={chosen.has(item.id)}
                onChange={() => onToggle(item.id)}
                label={
                  <Group gap="xs" wrap="nowrap">
                    <span>{item.fileName}</span>
                    <Text span size="sm" className="export-muted">
                      {t(`kinds.${item.kind}`)} · {formatBytes(item.size, i18n.language)}
                    </Text>
                  </Group>
                }
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The items step. */
export function ItemsStep({
  choices,
  candidates,
  onChange,
}: {
  choices: ExportChoices;
  candidates: Candidate[];
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('export');
  const chosen = new Set(choices.itemIds);
  const toggle = (id: string): void => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    // Keep the case's order, so the package numbers items as the list shows them.
    onChange({ itemIds: candidates.filter((c) => next.has(c.id)).map((c) => c.id) });
  };
  return (
    <Stack>
      <Radio.Group
        label={t('items.question')}
        value={choices.scope}
        onChange={(value) => onChange({ scope: value === 'chosen' ? 'chosen' : 'all' })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="all" label={t('items.all', { count: candidates.length })} />
          <Radio value="chosen" label={t('items.chosen')} />
        </Stack>
      </Radio.Group>
      {choices.scope === 'chosen' && (
        <>
          <Text size="sm" aria-live="polite">
            {t('items.selected', { count: choices.itemIds.length, total: candidates.length })}
          </Text>
          <ItemList candidates={candidates} chosen={chosen} onToggle={toggle} />
        </>
      )}
    </Stack>
  );
}
