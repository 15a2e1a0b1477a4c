// The soak: mixed traffic for several minutes on one server (BENCH_SOAK_SECONDS, default 300).
// Respondents read question pages, moderators the queue, the public the "You said, we did" page,
// all at once, in windows of equal length. Each window's p99 and errors are kept with the server's
// memory at its end, so a leak or a slowdown shows as a trend. Figures are printed, not asserted.
import autocannon from "autocannon";
import type { BenchDatabases } from "./databases";
import { serverOn, startDraft } from "./run-size";
import { processTree, rssMb } from "./server-probe";
import { signIn } from "./staff";

export const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const WINDOWS = 10;

interface Window {
  second: number;
  requests: number;
  errors: number;
  p99: Record<"respondents" | "moderators" | "public", number>;
  rssMb: number;
}

export interface SoakFigures {
  responses: number;
  seconds: number;
  windows: Window[];
  errors: number;
  /** The server's memory (all its processes) after the first window and at the end. */
  rssMb: { first: number; last: number };
  /** The worst p99 of the last window over that of the first, per kind of reader. */
  p99Growth: Record<"respondents" | "moderators" | "public", number>;
  /** The longest event-loop delay the server saw during the soak, when it reports one. */
  eventLoopMaxMs: number | null;
}

const totalRss = (root: number) => Math.round(processTree(root).reduce((sum, pid) => sum + rssMb(pid), 0));

export async function soak(databases: BenchDatabases, responses: number): Promise<SoakFigures> {
  const { database, server, eventLoop } = await serverOn(databases, responses);
  try {
    const draft = await startDraft(server);
    const moderator = await signIn(server.url, "moderator");
    const streams = {
      respondents: { url: `${server.url}/surveys/parents-and-carers/questions/contact-reply`, headers: { Cookie: draft }, connections: 6 },
      moderators: { url: `${server.url}/moderate`, headers: { Cookie: moderator }, connections: 2 },
      public: { url: `${server.url}/you-said-we-did`, headers: {}, connections: 4 },
    } as const;
    const seconds = Math.max(1, Math.round(SOAK_SECONDS / WINDOWS));
    console.log(
      `\n== soak: ${responses.toLocaleString("en-GB")} responses, ${WINDOWS} windows of ${seconds} s, respondents, moderators and the public at once ==`,
    );
    const windows: Window[] = [];
    for (let i = 0; i < WINDOWS; i++) {
      const results = await Promise.all(
        Object.entries(streams).map(async ([name, stream]) => [name, await autocannon({ ...stream, duration: seconds })] as const),
      );
      const p99 = Object.fromEntries(results.map(([name, result]) => [name, result.latency.p99])) as Window["p99"];
      const errors = results.reduce((sum, [, result]) => sum + result.errors + result.timeouts + result.non2xx, 0);
      const requests = results.reduce((sum, [, result]) => sum + result.requests.total, 0);
      const window = { second: (i + 1) * seconds, requests, errors, p99, rssMb: totalRss(server.process.pid!) };
      windows.push(window);
      console.log(
        `  ${String(window.second).padStart(4)} s: ${requests} requests, ${errors} errors, p99 respondents ${p99.respondents} ms, moderators ${p99.moderators} ms, public ${p99.public} ms; server ${window.rssMb} MB`,
      );
    }
    await eventLoop.endPhase("soak");
    const [first, last] = [windows[0], windows[windows.length - 1]];
    const growth = (name: keyof Window["p99"]) => Math.round((last.p99[name] / Math.max(first.p99[name], 1)) * 100) / 100;
    const figures: SoakFigures = {
      responses,
      seconds: seconds * WINDOWS,
      windows,
      errors: windows.reduce((sum, window) => sum + window.errors, 0),
      rssMb: { first: first.rssMb, last: last.rssMb },
      p99Growth: { respondents: growth("respondents"), moderators: growth("moderators"), public: growth("public") },
      eventLoopMaxMs: null,
    };
    await server.stop();
    figures.eventLoopMaxMs = eventLoop.finish()?.maxMs ?? null;
    console.log(
      `soak: ${figures.errors} errors in ${windows.reduce((sum, window) => sum + window.requests, 0)} requests; memory ${first.rssMb} → ${last.rssMb} MB; p99 last ÷ first: respondents ${figures.p99Growth.respondents}, moderators ${figures.p99Growth.moderators}, public ${figures.p99Growth.public}; longest event-loop delay ${figures.eventLoopMaxMs ?? "–"} ms`,
    );
    return figures;
  } finally {
    await server.stop();
    eventLoop.remove();
    await database.remove();
  }
}
