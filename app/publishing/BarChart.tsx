import { useId } from "react";
import { Table } from "~/components/Table";

export interface Bar {
  key: string;
  label: string;
  /** Null when there is no figure to draw (suppressed on the public page, not known yet on the dashboard): a short hatched mark, and `text` says why. */
  value: number | null;
  /** The figure as people read it: "42", "fewer than 10". */
  text: string;
  lang?: string;
}

interface BarChartProps {
  caption: React.ReactNode;
  /** The caption as plain text for the SVG's title, where `caption` marks a name's language. */
  title?: string;
  /** The header of the label column and of the figure column in the table. */
  labelHeader: string;
  valueHeader: string;
  bars: Bar[];
  dir: "ltr" | "rtl";
  /** Room kept after the longest bar for its words, out of 960: more for longer words. */
  valueRoom?: number;
}

const width = 960;
const labelHeight = 22;
const barHeight = 22;
const rowHeight = labelHeight + barHeight + 14;

/**
 * A horizontal bar chart drawn on the server as SVG, with the same figures in a table beside it.
 * Every bar carries its figure in words, so nothing depends on colour; the SVG's title and
 * description give screen readers the same figures; right-to-left pages draw from the right. Words
 * and marks take the page's colours through currentColor and classes, which forced-colours mode
 * replaces with the system's (app/styles/_insight.scss).
 */
export function BarChart({ caption, title, labelHeader, valueHeader, bars, dir, valueRoom = 240 }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const height = bars.length * rowHeight;
  const x = (offset: number) => (dir === "rtl" ? width - offset : offset);
  // With direction="rtl" on the SVG, "start" is the right-hand end: text grows leftwards from x.
  const anchor = "start";
  return (
    <figure className="app-chart">
      <figcaption className="govuk-heading-s" id={`${id}-caption`}>
        {caption}
      </figcaption>
      <svg
        className="app-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        direction={dir}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title ?? caption}</title>
        <desc id={`${id}-desc`}>{bars.map((bar) => `${bar.label}: ${bar.text}`).join("; ")}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="8" className="app-chart__hatch" strokeWidth="3" />
          </pattern>
        </defs>
        {bars.map((bar, index) => {
          const top = index * rowHeight;
          const length = bar.value === null ? 0 : Math.max(2, Math.round(((width - valueRoom) * bar.value) / max));
          const drawn = bar.value === null ? 24 : length;
          return (
            <g key={bar.key} aria-hidden="true">
              <text x={x(0)} y={top + 16} textAnchor={anchor} className="app-chart__label" lang={bar.lang}>
                {bar.label}
              </text>
              <rect
                x={dir === "rtl" ? width - drawn : 0}
                y={top + labelHeight}
                width={drawn}
                height={barHeight}
                // The hatched mark has no bar class: that class's fill would cover the hatching.
                className={bar.value === null ? "app-chart__bar--hidden" : "app-chart__bar"}
                fill={bar.value === null ? `url(#${id}-hatch)` : undefined}
              />
              <text x={x(drawn + 8)} y={top + labelHeight + 16} textAnchor={anchor} className="app-chart__value">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
      {/* Two columns always fit a phone, so the table needs no scrolling box (and no extra tab stop). */}
      <Table caption={caption} headers={[labelHeader, { label: valueHeader, numeric: true }]} className="app-chart__table" scroll={false}>
        {bars.map((bar) => (
          <tr key={bar.key} className="govuk-table__row">
            <th scope="row" className="govuk-table__header" lang={bar.lang}>
              {bar.label}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{bar.text}</td>
          </tr>
        ))}
      </Table>
    </figure>
  );
}
