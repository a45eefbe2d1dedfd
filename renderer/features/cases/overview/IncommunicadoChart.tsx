/**
 * The incommunicado timeline of one detainee: a horizontal time axis, the
 * events as marks with labels, the periods without contact as shaded bands
 * (an open period runs to today). A picture for sighted readers; the same
 * facts are in its aria-label and in a visually hidden table and list.
 */
import { useDirection, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';
import { layoutChart, type ChartLayout } from '../../../../shared/chart-layout';

type Overview = Res<'cases:overview'>;
type OverviewEvent = Overview['events'][number];
type Period = Overview['detainees'][number]['incommunicado']['periods'][number];

function Bands({ layout }: { layout: ChartLayout }): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <g>
      {layout.bands.map((b, i) => (
        <g key={i}>
          <rect
            className={b.open ? 'chart__band chart__band--open' : 'chart__band'}
            x={b.x}
            y={12}
            width={b.width}
            height={layout.axisY - 12}
          />
          {b.width > 60 && (
            <text className="chart__band-label" x={b.x + b.width / 2} y={26} textAnchor="middle">
              {t('chart.bandDays', { days: b.days })}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

function Axis({ layout }: { layout: ChartLayout }): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <g>
      <line className="chart__axis" x1={0} x2={layout.width} y1={layout.axisY} y2={layout.axisY} />
      {layout.ticks.map((tick) => (
        <g key={`${tick.label}-${tick.x}`}>
          <line className="chart__tick" x1={tick.x} x2={tick.x} y1={layout.axisY} y2={layout.axisY + 6} />
          <text className="chart__tick-label" x={tick.x} y={layout.axisY + 20} textAnchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
      <line className="chart__today" x1={layout.todayX} x2={layout.todayX} y1={12} y2={layout.axisY + 24} />
      <text className="chart__today-label" x={layout.todayX} y={layout.axisY + 36} textAnchor="middle">
        {t('chart.today')}
      </text>
    </g>
  );
}

function Marks({ layout, events }: { layout: ChartLayout; events: Map<string, OverviewEvent> }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const labelY = (row: number): number => layout.axisY - 20 - row * layout.rowHeight;
  return (
    <g>
      {layout.marks.map((m) => {
        const e = events.get(m.id);
        const contact = e?.type === 'contact_lost' || e?.type === 'contact_restored';
        return (
          <g key={m.id}>
            {m.row !== null && (
              <line className="chart__leader" x1={m.x} x2={m.labelX} y1={layout.axisY} y2={labelY(m.row) + 4} />
            )}
            <circle
              className={contact ? 'chart__mark chart__mark--contact' : 'chart__mark'}
              cx={m.x}
              cy={layout.axisY}
              r={5}
            >
              <title>
                {e
                  ? `${e.dateApprox ? '~' : ''}${e.date} ` +
                    `${t(`eventTypes.${e.type}`)}${e.place ? ` — ${e.place.name}` : ''}`
                  : m.label}
              </title>
            </circle>
            {m.row !== null && (
              <text className="chart__label" x={m.labelX} y={labelY(m.row)} textAnchor="middle">
                {m.label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function HiddenFacts({ events, periods }: { events: OverviewEvent[]; periods: Period[] }): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <VisuallyHidden>
      <table>
        <caption>{t('chart.periodsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.from')}</th>
            <th scope="col">{t('chart.to')}</th>
            <th scope="col">{t('chart.days')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.startEventId}>
              <td>{p.start}</td>
              <td>{p.end ?? t('chart.ongoing')}</td>
              <td>
                {p.approximate ? t('chart.daysApprox', { days: p.days, min: p.minDays, max: p.maxDays }) : p.days}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul aria-label={t('chart.eventsCaption')}>
        {events.map((e) => (
          <li key={e.id}>
            {`${e.dateApprox ? '~' : ''}${e.date} — ` +
              `${t(`eventTypes.${e.type}`)}${e.place ? ` — ${e.place.name}` : ''}`}
          </li>
        ))}
      </ul>
    </VisuallyHidden>
  );
}

/** The chart for one detainee's events and periods, as of `asOf`. */
export function IncommunicadoChart({
  events,
  periods,
  asOf,
}: {
  events: OverviewEvent[];
  periods: Period[];
  asOf: string;
}): React.JSX.Element {
  const { t } = useTranslation('cases');
  const { dir } = useDirection();
  const layout = layoutChart(
    events.map((e) => ({ id: e.id, date: e.date, label: t(`eventTypes.${e.type}`) })),
    periods,
    asOf,
    dir === 'rtl',
  );
  const first = events[0]?.date ?? asOf;
  const open = periods.find((p) => p.open);
  const summary = open
    ? t('chart.summaryOpen', {
        from: first,
        to: asOf,
        events: events.length,
        periods: periods.length,
        since: open.start,
        days: open.days,
      })
    : t('chart.summary', { from: first, to: asOf, events: events.length, periods: periods.length });
  return (
    <figure className="chart">
      <svg className="chart__svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={summary}>
        <Bands layout={layout} />
        <Axis layout={layout} />
        <Marks layout={layout} events={new Map(events.map((e) => [e.id, e]))} />
      </svg>
      <HiddenFacts events={events} periods={periods} />
    </figure>
  );
}
