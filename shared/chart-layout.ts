/**
 * The geometry of the incommunicado chart, as plain data: a time axis from the
 * first event to the as-of day, a mark per event with its label placed in the
 * first free row above the axis, and a band per period without contact (an
 * open period runs to the as-of day). Pure, so it can be reasoned about apart
 * from React; shared, so the case report (main/report) draws the same picture
 * as the overview.
 */

/** Partial dates ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') as their earliest day, counted in days since 1970-01-01. */
function earliestDay(date: string): number {
  const [y = '1970', m = '01', d = '01'] = date.split('-');
  return Math.floor(Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000);
}

/** An event to draw. */
export interface ChartEvent {
  id: string;
  date: string;
  label: string;
}

/** A period to shade. */
interface ChartPeriod {
  start: string;
  end: string | null;
  days: number;
  open: boolean;
}

/** A placed event mark. */
interface PlacedMark {
  id: string;
  x: number;
  /** Where the label is centred: over the mark, moved inwards at the chart's ends. */
  labelX: number;
  label: string;
  /** The label's row above the axis (0 nearest), or null when no row had room (the mark keeps its tooltip). */
  row: number | null;
}

/** A placed band. */
interface PlacedBand {
  x: number;
  width: number;
  days: number;
  open: boolean;
}

/** A tick of the axis. */
interface Tick {
  x: number;
  label: string;
}

/** Everything the chart draws. */
export interface ChartLayout {
  width: number;
  height: number;
  axisY: number;
  rowHeight: number;
  marks: PlacedMark[];
  bands: PlacedBand[];
  ticks: Tick[];
  todayX: number;
}

/** How to lay the chart out on a page other than the overview's 960-unit-wide SVG. */
interface ChartOptions {
  /** Mirror the time axis for right-to-left reading. */
  rtl?: boolean;
  /** Total width in drawing units; default 960. */
  width?: number;
  /** Width of a label in drawing units; default 6.4 per character (the overview's 11 px labels). */
  labelWidth?: (label: string) => number;
}

const DEFAULT_WIDTH = 960;
const MARGIN = 40;
const ROWS = 4;
const ROW_HEIGHT = 18;
const CHAR_WIDTH = 6.4;
const TICK_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

function monthTicks(fromDay: number, toDay: number, x: (day: number) => number): Tick[] {
  const from = new Date(fromDay * 86_400_000);
  const spanMonths = (toDay - fromDay) / 30.4;
  const step = TICK_STEPS.find((s) => spanMonths / s <= 8) ?? 240;
  const ticks: Tick[] = [];
  // Start at the first month boundary on or after `from` that the step divides.
  let month = from.getUTCFullYear() * 12 + from.getUTCMonth() + (from.getUTCDate() > 1 ? 1 : 0);
  month += (step - (month % step)) % step;
  for (; ; month += step) {
    const day = Math.floor(Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000);
    if (day > toDay) break;
    const y = Math.floor(month / 12);
    ticks.push({ x: x(day), label: step >= 12 ? String(y) : `${y}-${String((month % 12) + 1).padStart(2, '0')}` });
  }
  return ticks;
}

/** Lays out the chart; `rtl` mirrors the time axis for right-to-left reading (or give ChartOptions). */
export function layoutChart(
  events: ChartEvent[],
  periods: ChartPeriod[],
  asOf: string,
  rtlOrOptions: boolean | ChartOptions = false,
): ChartLayout {
  const opts: ChartOptions = typeof rtlOrOptions === 'boolean' ? { rtl: rtlOrOptions } : rtlOrOptions;
  const rtl = opts.rtl ?? false;
  const width = opts.width ?? DEFAULT_WIDTH;
  const labelWidth = opts.labelWidth ?? ((label: string): number => label.length * CHAR_WIDTH);
  const asOfDay = earliestDay(asOf);
  const days = [...events.map((e) => earliestDay(e.date)), ...periods.map((p) => earliestDay(p.start))];
  const fromDay = days.length > 0 ? Math.min(...days) : asOfDay - 30;
  const toDay = Math.max(asOfDay, ...days);
  const span = Math.max(1, toDay - fromDay);
  const ltrX = (day: number): number => MARGIN + ((day - fromDay) / span) * (width - 2 * MARGIN);
  const x = (day: number): number => (rtl ? width - ltrX(day) : ltrX(day));
  const axisY = 24 + ROWS * ROW_HEIGHT + 24;
  const rowEnds: number[] = Array.from({ length: ROWS }, () => Number.NEGATIVE_INFINITY);
  const marks = [...events]
    .sort((a, b) => ltrX(earliestDay(a.date)) - ltrX(earliestDay(b.date)))
    .map((e): PlacedMark => {
      const center = ltrX(earliestDay(e.date));
      const half = labelWidth(e.label) / 2 + 4;
      const labelCenter = Math.min(Math.max(center, half), width - half);
      const row = rowEnds.findIndex((end) => end < labelCenter - half);
      if (row >= 0) rowEnds[row] = labelCenter + half;
      return {
        id: e.id,
        x: x(earliestDay(e.date)),
        labelX: rtl ? width - labelCenter : labelCenter,
        label: e.label,
        row: row >= 0 ? row : null,
      };
    });
  const bands = periods.map((p): PlacedBand => {
    const a = x(earliestDay(p.start));
    const b = x(p.end === null ? asOfDay : earliestDay(p.end));
    return { x: Math.min(a, b), width: Math.max(2, Math.abs(b - a)), days: p.days, open: p.open };
  });
  return {
    width,
    height: axisY + 40,
    axisY,
    rowHeight: ROW_HEIGHT,
    marks,
    bands,
    ticks: monthTicks(fromDay, toDay, x),
    todayX: x(asOfDay),
  };
}
