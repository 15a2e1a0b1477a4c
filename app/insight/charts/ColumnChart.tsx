import { useId } from "react";
import { fillClass, fillOf, Legend, PatternDefs, type Fill } from "./patterns";

export interface Series {
  key: string;
  name: string;
  fill: Fill;
}

export interface Column {
  key: string;
  /** The short label under the column ("Sep", "7 Sep"). */
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

interface ColumnChartProps {
  /** Names the chart: the id of the heading or caption that describes it. */
  labelledBy: string;
  /** The figures in words, for screen readers ("September: 12 started, 9 finished; ..."). */
  description: string;
  series: Series[];
  columns: Column[];
  format: (value: number) => string;
  dir: "ltr" | "rtl";
}

const width = 960;
const height = 320;
const margin = { top: 16, bottom: 44, start: 64, end: 16 };
const plotWidth = width - margin.start - margin.end;
const plotHeight = height - margin.top - margin.bottom;

/** A round whole number at or above `max` that divides into four whole steps, so the scale reads 0, ¼, ½, ¾ and all of it. */
export function niceMax(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const steps = [1, 1.5, 2, 2.5, 3, 5, 10].map((m) => m * magnitude).filter(Number.isInteger);
  return 4 * (steps.find((step) => step * 4 >= max) ?? 10 * magnitude);
}

/**
 * Columns over time, side by side for each series, drawn on the server. Each series has its own
 * pattern and the legend names it; the scale and labels are text in the page's colour, so nothing
 * depends on colour and forced-colours mode keeps every word. Right-to-left pages run from the right.
 */
export function ColumnChart({ labelledBy, description, series, columns, format, dir }: ColumnChartProps) {
  const id = useId();
  const top = niceMax(Math.max(0, ...columns.flatMap((column) => column.values)));
  const slot = plotWidth / Math.max(1, columns.length);
  const barWidth = Math.max(2, Math.min(40, (slot * 0.8) / series.length));
  const x = (offset: number) => (dir === "rtl" ? width - offset : offset);
  const y = (value: number) => margin.top + plotHeight - (plotHeight * value) / top;
  // With many columns, label every few so the words never overlap.
  const every = Math.ceil(columns.length / 12);
  return (
    <>
      <Legend prefix={id} items={series.map((s) => ({ key: s.key, fill: s.fill, label: s.name }))} />
      <svg
        className="app-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={labelledBy}
        aria-describedby={`${id}-desc`}
        direction={dir}
      >
        <desc id={`${id}-desc`}>{description}</desc>
        <PatternDefs prefix={id} />
        <g aria-hidden="true">
          {[0, 1, 2, 3, 4].map((step) => {
            const value = (top * step) / 4;
            return (
              <g key={step}>
                <line x1={x(margin.start)} x2={x(width - margin.end)} y1={y(value)} y2={y(value)} className="app-insight-gridline" />
                <text x={x(margin.start - 8)} y={y(value) + 5} textAnchor="end" className="app-insight-axis">
                  {format(value)}
                </text>
              </g>
            );
          })}
          {columns.map((column, index) => {
            const left = margin.start + slot * index + (slot - barWidth * series.length) / 2;
            return (
              <g key={column.key}>
                {column.values.map((value, s) => {
                  const start = left + barWidth * s;
                  return (
                    <rect
                      key={series[s].key}
                      x={dir === "rtl" ? width - start - barWidth : start}
                      y={y(value)}
                      width={barWidth}
                      height={Math.max(0, y(0) - y(value))}
                      className={`app-insight-outline ${fillClass(series[s].fill)}`}
                      fill={fillOf(id, series[s].fill)}
                    />
                  );
                })}
                {index % every === 0 ? (
                  <text x={x(margin.start + slot * index + slot / 2)} y={height - margin.bottom + 24} textAnchor="middle" className="app-insight-axis">
                    {column.label}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={x(margin.start)} x2={x(width - margin.end)} y1={y(0)} y2={y(0)} className="app-insight-baseline" />
        </g>
      </svg>
    </>
  );
}
