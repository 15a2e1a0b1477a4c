import cluster from "node:cluster";
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const RESOLUTION_MS = 10;
const WRITE_EVERY_MS = 5000;

/** Where this process writes: the file named, or beside it for a cluster worker, so workers never overwrite each other. */
export function reportFile(file: string): string {
  return cluster.isWorker ? `${file}.worker-${process.pid}` : file;
}

/**
 * `npm run bench` asks the server how long its event loop was ever held up: with EVENT_LOOP_REPORT=<file>
 * set, this process writes `{ maxMs, p99Ms }` there every 5 s and when it ends. Each figure is the time
 * between two 10 ms timer ticks, so a loop that never waits reads about 10 ms. SIGUSR2 ends a phase of the
 * bench: the figures so far go to `<file>.phase` and the count starts afresh. The bench sends it only to
 * a process that has written a report.
 */
export function reportEventLoopDelay(file = process.env.EVENT_LOOP_REPORT): void {
  if (!file) return;
  const target = reportFile(file);
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const figures = () => ({ maxMs: round(histogram.max / 1e6), p99Ms: round(histogram.percentile(99) / 1e6) });
  const write = () => fs.writeFileSync(target, JSON.stringify(figures()));
  process.on("SIGUSR2", () => {
    fs.writeFileSync(`${target}.phase`, JSON.stringify(figures()));
    histogram.reset();
    write();
  });
  process.once("SIGTERM", write);
  process.once("exit", write);
  setInterval(write, WRITE_EVERY_MS).unref();
  // Written at once: a report on disk says this process listens for SIGUSR2.
  write();
}

const round = (ms: number) => Math.round(ms * 10) / 10;
