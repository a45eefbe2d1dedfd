/**
 * Drawing redaction boxes over a PDF page or an image: drag to mark an area. Boxes are kept in
 * the page's own units (PDF points at scale 1, or the image's pixels as shown) so they mean the
 * same whatever size the page is drawn at; docs/DESIGN.md fixes that format.
 */
import { useRef, useState } from 'react';
import type { RedactionBox } from '../../../shared/redaction';

/** The boxes being drawn, and how to add one. */
export interface BoxEditing {
  boxes: RedactionBox[];
  onAdd: (box: RedactionBox) => void;
  label: string;
}

interface Draft {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const clamp = (v: number): number => Math.min(1, Math.max(0, v));
const round = (v: number): number => Math.round(v * 100) / 100;

function percent(
  box: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
): React.CSSProperties {
  return {
    left: `${(box.x / width) * 100}%`,
    top: `${(box.y / height) * 100}%`,
    width: `${(box.width / width) * 100}%`,
    height: `${(box.height / height) * 100}%`,
  };
}

/** An overlay over page `page` (`width` × `height` in its units) that shows the boxes on it and adds those drawn. */
export function BoxOverlay({
  page,
  width,
  height,
  editing,
}: {
  page: number;
  width: number;
  height: number;
  editing: BoxEditing;
}): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  const at = (e: React.PointerEvent): [number, number] => {
    const r = ref.current?.getBoundingClientRect();
    if (!r || r.width === 0 || r.height === 0) return [0, 0];
    return [clamp((e.clientX - r.left) / r.width), clamp((e.clientY - r.top) / r.height)];
  };
  const finish = (): void => {
    if (draft === null) return;
    setDraft(null);
    const [x0, x1] = [Math.min(draft.x0, draft.x1) * width, Math.max(draft.x0, draft.x1) * width];
    const [y0, y1] = [Math.min(draft.y0, draft.y1) * height, Math.max(draft.y0, draft.y1) * height];
    // A click without a drag marks nothing.
    if (x1 - x0 < 1 || y1 - y0 < 1) return;
    editing.onAdd({ page, x: round(x0), y: round(y0), width: round(x1 - x0), height: round(y1 - y0) });
  };
  const shown = draft && {
    x: Math.min(draft.x0, draft.x1) * width,
    y: Math.min(draft.y0, draft.y1) * height,
    width: Math.abs(draft.x1 - draft.x0) * width,
    height: Math.abs(draft.y1 - draft.y0) * height,
  };

  return (
    <div
      ref={ref}
      className="redact-overlay"
      data-testid="redact-overlay"
      role="group"
      aria-label={editing.label}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const [x, y] = at(e);
        setDraft({ x0: x, y0: y, x1: x, y1: y });
      }}
      onPointerMove={(e) => {
        if (draft === null) return;
        const [x, y] = at(e);
        setDraft({ ...draft, x1: x, y1: y });
      }}
      onPointerUp={finish}
      onPointerCancel={() => setDraft(null)}
    >
      {editing.boxes
        .filter((b) => b.page === page)
        .map((b, i) => (
          <div
            key={`${i}-${b.x}-${b.y}`}
            className="redact-overlay__box"
            data-testid="redact-box"
            style={percent(b, width, height)}
          />
        ))}
      {shown && (
        <div className="redact-overlay__box redact-overlay__box--draft" style={percent(shown, width, height)} />
      )}
    </div>
  );
}
