// The bench's table (one column per dataset size, the target, and whether it was met) and its one
// JSON line, so that two runs can be compared.
import type { Engine } from "../../db/connection";
import type { SizeFigures } from "./run-size";

interface Line {
  what: string;
  values: (figures: SizeFigures) => string;
  target: string;
  /** Whether the run meets the target; undefined when the line has none. */
  met?: (sizes: SizeFigures[]) => boolean;
  /** Whether the run measured it: two instances are measured on PostgreSQL only. */
  measured?: (figures: SizeFigures) => boolean;
}

const number = (value: number) => Math.round(value).toLocaleString("en-GB");
const everySize = (test: (figures: SizeFigures) => boolean) => (sizes: SizeFigures[]) => sizes.every(test);

export const pageNames: Record<string, string> = {
  queue: "moderation queue, first page",
  queueByTheme: "… filtered by a theme",
  queueByLanguage: "… filtered by a language",
  queueUntagged: "… untagged only",
  response: "one response",
  dashboard: "staff dashboard (/moderate/insight)",
  public: "public page, a period",
  publicTheme: "public theme page",
  report: "printable report",
  json: "JSON open data",
};

/** Under 100 ms p50 at the largest size, and no more than twice the smallest size's. */
function pageTarget(name: string) {
  return (sizes: SizeFigures[]) => {
    const smallest = sizes[0].pages[name];
    const largest = sizes[sizes.length - 1].pages[name];
    return largest.status === 200 && largest.failed === 0 && largest.p50 < 100 && (sizes.length === 1 || largest.p50 <= 2 * Math.max(smallest.p50, 1));
  };
}

const lines: Line[] = [
  { what: "question page, req/s", values: (f) => number(f.questionPage.rps), target: "" },
  { what: "same bytes from bare node:http, req/s", values: (f) => number(f.bare.rps), target: "" },
  { what: "question page ÷ bare", values: (f) => `1/${(1 / f.ratio).toFixed(0)}`, target: "≥ 1/25", met: everySize((f) => f.ratio >= 1 / 25) },
  { what: "submissions, req/s", values: (f) => number(f.submissions.rps), target: "≥ 500", met: everySize((f) => f.submissions.rps >= 500) },
  {
    what: "submissions, p50 / p99 ms",
    values: (f) => `${f.submissions.p50} / ${f.submissions.p99}`,
    target: "p99 < 100",
    met: everySize((f) => f.submissions.p99 < 100),
  },
  {
    what: "submissions to two instances, req/s",
    values: (f) => number(f.twoInstances!.rps),
    target: "≥ 500",
    met: everySize((f) => f.twoInstances!.rps >= 500),
    measured: (f) => f.twoInstances !== null,
  },
  {
    what: "submissions to two instances, p50 / p99 ms",
    values: (f) => `${f.twoInstances!.p50} / ${f.twoInstances!.p99}`,
    target: "p99 < 100",
    met: everySize((f) => f.twoInstances!.p99 < 100),
    measured: (f) => f.twoInstances !== null,
  },
  ...Object.entries(pageNames).map(([name, what]): Line => ({
    what: `${what}, p50 / p99 ms`,
    values: (f) => `${f.pages[name].p50} / ${f.pages[name].p99}`,
    target: "p50 < 100, ≤ 2× smallest",
    met: pageTarget(name),
  })),
  {
    what: "full CSV export, rows/s",
    values: (f) => number(f.export.rowsPerSecond),
    target: "≥ 100,000",
    met: everySize((f) => f.export.rowsPerSecond >= 100_000),
  },
  {
    what: "full CSV export, server RSS MB (before → peak)",
    values: (f) => `${number(f.export.beforeMb)} → ${number(f.export.peakMb)}`,
    target: "rise < 200",
    met: everySize((f) => f.export.peakMb - f.export.beforeMb < 200),
  },
  {
    what: "theme merge (the two commonest themes), answered in ms",
    values: (f) => number(f.merge.ms),
    target: "< 1,000",
    met: everySize((f) => f.merge.status === 303 && f.merge.ms < 1000),
  },
  {
    what: "… every tag moved, ms",
    values: (f) =>
      f.merge.finished ? `${number(f.merge.doneMs)} (${number(f.merge.moved)} tags)` : `not done in ${number(f.merge.doneMs)} (${number(f.merge.moved)} tags)`,
    target: "",
  },
  { what: "… public page meanwhile, p50 / longest ms", values: (f) => `${f.merge.during.p50} / ${f.merge.during.max}`, target: "" },
  {
    what: "longest event-loop delay, ms",
    values: (f) => (f.eventLoop ? String(f.eventLoop.maxMs) : "–"),
    target: "≤ 50",
    met: everySize((f) => f.eventLoop !== null && f.eventLoop.maxMs <= 50),
  },
];

/** The lines this run measured at every size. */
const linesOf = (sizes: SizeFigures[]) => lines.filter((line) => !line.measured || sizes.every(line.measured));

export const engineNames: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

export function printTable(sizes: SizeFigures[], engine: Engine) {
  const header = [engineNames[engine], ...sizes.map((f) => `${number(f.responses)} responses`), "target", "met?"];
  const body = linesOf(sizes).map((line) => [line.what, ...sizes.map(line.values), line.target, line.met ? (line.met(sizes) ? "yes" : "NO") : ""]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => cells[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  console.log(`\n${format(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const cells of body) console.log(format(cells));
}

/** Whether each target was met, by name, for the JSON line. */
export function targetsMet(sizes: SizeFigures[]): Record<string, boolean> {
  return Object.fromEntries(
    linesOf(sizes)
      .filter((line) => line.met)
      .map((line) => [line.what, line.met!(sizes)]),
  );
}
