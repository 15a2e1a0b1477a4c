import { useId } from "react";
import { fillClass, fillOf, Legend, PatternDefs, type Fill } from "./patterns";

export interface Segment {
  key: string;
  name: string;
  fill: Fill;
}

export interface StackedRow {
  key: string;
  label: string;
  lang?: string;
  /** One count per segment, in the segments' order. */
  values: number[];
  /** What is written at the end of the bar ("24 answers"). */
  total: string;
}

interface StackedBarChartProps {
  labelledBy: string;
  description: string;
  segments: Segment[];
  rows: StackedRow[];
  dir: "ltr" | "rtl";
}

const width = 960;
const labelHeight = 22;
const barHeight = 24;
const rowHeight = labelHeight + barHeight + 14;
const totalRoom = 160;

/**
 * How each row's answers divide, as one bar per row split into shares. Each share has its own
 * pattern, named in the legend; the counts are in the table under the chart.
 */
export function StackedBarChart({ labelledBy, description, segments, rows, dir }: StackedBarChartProps) {
  const id = useId();
  const barWidth = width - totalRoom;
  const x = (offset: number, length = 0) => (dir === "rtl" ? width - offset - length : offset);
  return (
    <>
      <Legend prefix={id} items={segments.map((s) => ({ key: s.key, fill: s.fill, label: s.name }))} />
      <svg
        className="app-chart__svg"
        viewBox={`0 0 ${width} ${Math.max(1, rows.length) * rowHeight}`}
        role="img"
        aria-labelledby={labelledBy}
        aria-describedby={`${id}-desc`}
        direction={dir}
      >
        <desc id={`${id}-desc`}>{description}</desc>
        <PatternDefs prefix={id} />
        {rows.map((row, index) => {
          const top = index * rowHeight;
          const sum = row.values.reduce((a, b) => a + b, 0);
          let offset = 0;
          return (
            <g key={row.key} aria-hidden="true">
              <text x={x(0)} y={top + 16} className="app-chart__label" lang={row.lang}>
                {row.label}
              </text>
              {row.values.map((value, s) => {
                const length = sum === 0 ? 0 : (barWidth * value) / sum;
                const start = offset;
                offset += length;
                return length > 0 ? (
                  <rect
                    key={segments[s].key}
                    x={x(start, length)}
                    y={top + labelHeight}
                    width={length}
                    height={barHeight}
                    className={`app-insight-outline ${fillClass(segments[s].fill)}`}
                    fill={fillOf(id, segments[s].fill)}
                  />
                ) : null;
              })}
              <text x={x(barWidth + 8)} y={top + labelHeight + 17} className="app-chart__value">
                {row.total}
              </text>
            </g>
          );
        })}
      </svg>
    </>
  );
}
