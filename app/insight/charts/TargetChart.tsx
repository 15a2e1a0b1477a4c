import { useId } from "react";

interface TargetChartProps {
  labelledBy: string;
  description: string;
  /** The share reached, 0 to 100, or null when nobody has answered yet. */
  percent: number | null;
  target: number;
  /** The words at the bar's end ("72%") and on the target line ("Target 90%"). */
  valueText: string;
  targetText: string;
  /** The words at either end of the scale ("0%", "100%"). */
  scaleText: [string, string];
  dir: "ltr" | "rtl";
}

const width = 960;
const height = 104;
const track = { start: 8, end: 952, top: 34, height: 32 };

/**
 * One bar against a target: the bar is the share reached, the line across it is the target, and
 * both carry their figure in words. Right-to-left pages fill from the right.
 */
export function TargetChart({ labelledBy, description, percent, target, valueText, targetText, scaleText, dir }: TargetChartProps) {
  const id = useId();
  const span = track.end - track.start;
  const at = (share: number) => track.start + (span * share) / 100;
  const x = (offset: number) => (dir === "rtl" ? width - offset : offset);
  const filled = percent === null ? 0 : at(percent) - track.start;
  const targetX = x(at(target));
  // The target's words sit on whichever side of its line has room.
  const targetAnchor = target > 70 ? "end" : "start";
  const valueInside = percent !== null && percent > 85;
  return (
    <svg className="app-chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelledBy} aria-describedby={`${id}-desc`} direction={dir}>
      <desc id={`${id}-desc`}>{description}</desc>
      <g aria-hidden="true">
        <rect
          x={x(track.start) - (dir === "rtl" ? span : 0)}
          y={track.top}
          width={span}
          height={track.height}
          className="app-insight-outline app-insight-paper"
        />
        {percent !== null ? (
          <rect x={dir === "rtl" ? x(track.start) - filled : track.start} y={track.top} width={filled} height={track.height} className="app-insight-ink" />
        ) : null}
        <line x1={targetX} x2={targetX} y1={track.top - 10} y2={track.top + track.height + 10} className="app-insight-target" />
        <text x={targetX + ((targetAnchor === "end") === (dir === "ltr") ? -6 : 6)} y={track.top - 14} className="app-chart__value" textAnchor={targetAnchor}>
          {targetText}
        </text>
        {percent !== null ? (
          <text
            x={x(track.start + filled + (valueInside ? -8 : 8))}
            y={track.top + 22}
            className={valueInside ? "app-chart__value app-insight-on-ink" : "app-chart__value"}
            textAnchor={valueInside ? "end" : "start"}
          >
            {valueText}
          </text>
        ) : null}
        <text x={x(track.start)} y={height - 8} className="app-insight-axis" textAnchor="start">
          {scaleText[0]}
        </text>
        <text x={x(track.end)} y={height - 8} className="app-insight-axis" textAnchor="end">
          {scaleText[1]}
        </text>
      </g>
    </svg>
  );
}
