// npm run bench: figures are printed, not asserted. The production build runs on a copy of each dataset
// size (BENCH_RESPONSES, default 1,000 and 1,000,000; built by tests/bench/dataset.ts when missing), and
// the run ends with a table against the targets of issue 13 and one `BENCH_JSON {…}` line.
//   BENCH_SECONDS       seconds of load per figure (default 10)
//   BENCH_CONNECTIONS   connections reading a page (default 4); BENCH_THROUGHPUT_CONNECTIONS for the
//                       question page, the bare server and submissions (default 20)
//   BENCH_EXTRAS=0      leaves out the theme suggestions and the exports of a database of their own
//   WEB_CONCURRENCY     server processes (default one per core, as in production)
//   BENCH_SOAK_SECONDS  length of the soak of mixed traffic on the smallest dataset (default 300)
import os from "node:os";
import { detectorFigures } from "./detector-bench";
import { PAGE_CONNECTIONS, SECONDS, THROUGHPUT_CONNECTIONS } from "./load";
import { printTable, targetsMet } from "./report";
import { measureSize, PROCESSES, type SizeFigures } from "./run-size";
import { soak } from "./soak";

const sizes = (process.env.BENCH_RESPONSES ?? "1000,1000000")
  .split(",")
  .map((size) => Number(size.trim().replaceAll("_", "")))
  .sort((a, b) => a - b);
if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  console.error(`BENCH_RESPONSES must list whole numbers of responses, such as 1000,1000000, not "${process.env.BENCH_RESPONSES}"`);
  process.exit(2);
}
const extras = process.env.BENCH_EXTRAS !== "0";

console.log(
  `Benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}; shared with other work, so figures vary from run to run`,
);
const detector = detectorFigures();

const measured: SizeFigures[] = [];
for (const size of sizes) measured.push(await measureSize(size));
const soaked = await soak(sizes[0]);

const suggestions = extras ? await (await import("./suggestions-bench")).suggestionsBenchmark() : null;
const exports = extras ? await (await import("./exports-bench")).exportsBench() : null;

printTable(measured);
const figures = {
  at: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, node: process.version },
  seconds: SECONDS,
  connections: { page: PAGE_CONNECTIONS, throughput: THROUGHPUT_CONNECTIONS },
  serverProcesses: PROCESSES,
  sizes: measured,
  targets: targetsMet(measured),
  soak: soaked,
  detector,
  suggestions,
  exports,
};
console.log(`\nBENCH_JSON ${JSON.stringify(figures)}`);
