// npm run bench [-- --db postgres]: figures are printed, not asserted. The production build runs on a
// copy of each dataset size (BENCH_RESPONSES, default 1,000 and 1,000,000; built by tests/bench/dataset.ts
// when missing), and the run ends with a table against the targets of issue 13 and one `BENCH_JSON {…}` line.
//   --db postgres       the portal on PostgreSQL (the SQLite dataset copied in with db:copy), and the
//                       submissions measured again with two instances on the one database; on a
//                       server of the bench's own, or the one BENCH_POSTGRES_URL names (an admin URL)
//   BENCH_SECONDS       seconds of load per figure (default 10)
//   BENCH_CONNECTIONS   connections reading a page (default 4); BENCH_THROUGHPUT_CONNECTIONS for the
//                       question page, the bare server and submissions (default 20)
//   BENCH_EXTRAS=0      leaves out the theme suggestions and the exports of a database of their own
//                       (in-process on SQLite whatever the engine, so left out with --db postgres unless =1)
//   WEB_CONCURRENCY     server processes (default one per core, as in production)
//   BENCH_SOAK_SECONDS  length of the soak of mixed traffic on the smallest dataset (default 300)
//   BENCH_MERGE_SECONDS how long to wait for the theme merge to move every tag (default: until it has)
import os from "node:os";
import { engineFromArgs, openDatabases } from "./databases";
import { detectorFigures } from "./detector-bench";
import { PAGE_CONNECTIONS, SECONDS, THROUGHPUT_CONNECTIONS } from "./load";
import { engineNames, printTable, targetsMet } from "./report";
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
let engine: ReturnType<typeof engineFromArgs>;
try {
  engine = engineFromArgs();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const extras = process.env.BENCH_EXTRAS === undefined ? engine === "sqlite" : process.env.BENCH_EXTRAS !== "0";

console.log(
  `Benchmark of the portal on ${engineNames[engine]}, on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; shared with other work, so figures vary from run to run`,
);
const detector = detectorFigures();

const databases = await openDatabases(engine);
const measured: SizeFigures[] = [];
let soaked: Awaited<ReturnType<typeof soak>>;
try {
  for (const size of sizes) measured.push(await measureSize(databases, size));
  soaked = await soak(databases, sizes[0]);
} finally {
  await databases.close();
}

const suggestions = extras ? await (await import("./suggestions-bench")).suggestionsBenchmark() : null;
const exports = extras ? await (await import("./exports-bench")).exportsBench() : null;

printTable(measured, engine);
const figures = {
  at: new Date().toISOString(),
  machine: {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    node: process.version,
    loadAverage: os.loadavg().map((load) => Math.round(load * 10) / 10),
  },
  database: databases.describe,
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
