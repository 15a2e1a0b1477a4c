// What the bench reads from the running server: its processes' memory (Linux /proc) and the event-loop
// delay it measures itself (server/event-loop.ts, switched on by EVENT_LOOP_REPORT).
import fs from "node:fs";
import path from "node:path";

/** The server and every process under it (cluster workers, when it runs them). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and brackets; the parent id is the second field after it.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples each server process's resident memory until stopped, and reports the one that grew most
 * (the one doing the work): where it started and its peak.
 */
export function sampleMemory(root: number, everyMs = 20) {
  const before = new Map(processTree(root).map((pid) => [pid, rssMb(pid)]));
  const peak = new Map(before);
  const sample = () => {
    for (const pid of processTree(root)) peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMb(pid)));
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const rise = (pid: number) => (peak.get(pid) ?? 0) - (before.get(pid) ?? 0);
      const grew = [...peak.keys()].sort((a, b) => rise(b) - rise(a))[0];
      return { beforeMb: Math.round(before.get(grew) ?? 0), peakMb: Math.round(peak.get(grew) ?? 0) };
    },
  };
}

export interface EventLoop {
  maxMs: number;
  p99Ms: number;
  /** The longest delay in each phase of the run, to find what held the loop. */
  phases: Record<string, number>;
}

type Report = Omit<EventLoop, "phases">;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The report files server processes write for `file`: the process itself, and its cluster workers beside it. */
function reportFiles(file: string): { pid: number | null; name: string }[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const worker = `${base}.worker-`;
  return fs.readdirSync(dir).flatMap((name): { pid: number | null; name: string }[] => {
    if (name === base) return [{ pid: null, name: path.join(dir, name) }];
    const pid = name.startsWith(worker) ? name.slice(worker.length) : "";
    return /^\d+$/.test(pid) ? [{ pid: Number(pid), name: path.join(dir, name) }] : [];
  });
}

const readReport = (name: string) => JSON.parse(fs.readFileSync(name, "utf8")) as Report;

/** A report the server is writing: it may be there and still empty for a moment, so it is read until it is whole, or given up at `until`. */
async function whenWritten(name: string, until: number): Promise<Report | undefined> {
  for (;;) {
    try {
      return readReport(name);
    } catch {
      if (Date.now() >= until) return undefined;
      await sleep(20);
    }
  }
}

/**
 * The server's own event-loop figures (server/event-loop.ts), phase by phase: each phase ends with
 * SIGUSR2, sent only to processes that have written a report (so only to processes that listen for it).
 * Waits for the `processes` expected to report, so that every one's start-up is left out of the run.
 */
export async function eventLoopProbe(root: number, file: string, processes: number) {
  const deadline = Date.now() + 15_000;
  while (reportFiles(file).length < processes && Date.now() < deadline) await sleep(100);
  const phases: Record<string, Report> = {};

  async function endPhase(name: string) {
    const tree = new Set(processTree(root));
    const reporting = reportFiles(file)
      .map((report) => ({ ...report, pid: report.pid ?? root }))
      .filter((report) => tree.has(report.pid));
    for (const report of reporting) fs.rmSync(`${report.name}.phase`, { force: true });
    for (const report of reporting) process.kill(report.pid, "SIGUSR2");
    const seen: Report[] = [];
    for (const report of reporting) {
      const phase = await whenWritten(`${report.name}.phase`, Date.now() + 5000);
      if (phase) seen.push(phase);
    }
    // A phase run twice (two sign-ins) keeps its longest.
    const earlier = phases[name] ? [phases[name]] : [];
    if (seen.length)
      phases[name] = { maxMs: Math.max(...[...seen, ...earlier].map((r) => r.maxMs)), p99Ms: Math.max(...[...seen, ...earlier].map((r) => r.p99Ms)) };
  }

  /** The report files, once read or when the run failed. */
  const remove = () => {
    for (const name of fs.readdirSync(path.dirname(file)).filter((candidate) => candidate.startsWith(path.basename(file))))
      fs.rmSync(path.join(path.dirname(file), name), { force: true });
  };

  return {
    reporting: reportFiles(file).length > 0,
    /** Start-up is over: what comes next is the run. */
    start: () => endPhase("start-up"),
    endPhase,
    remove,
    /** After the server stopped: its last figures (shutting down), then every phase but start-up. */
    finish(): EventLoop | null {
      const last = reportFiles(file).map((report) => readReport(report.name));
      if (last.length) phases["shutting down"] = { maxMs: Math.max(...last.map((r) => r.maxMs)), p99Ms: Math.max(...last.map((r) => r.p99Ms)) };
      remove();
      const run = Object.entries(phases).filter(([name]) => name !== "start-up");
      if (run.length === 0) return null;
      return {
        maxMs: Math.max(...run.map(([, report]) => report.maxMs)),
        p99Ms: Math.max(...run.map(([, report]) => report.p99Ms)),
        phases: Object.fromEntries(run.map(([name, report]) => [name, report.maxMs])),
      };
    },
  };
}
