// Load for one URL with autocannon, and the figures kept from it.
import autocannon from "autocannon";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Pages are read by a few people at once. */
export const PAGE_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** Throughput (the question page against a bare server, submissions) is measured as before, with 20. */
export const THROUGHPUT_CONNECTIONS = Number(process.env.BENCH_THROUGHPUT_CONNECTIONS ?? 20);

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Errors, time-outs and 4xx or 5xx answers (a redirect is a submission's answer). */
  failed: number;
  total: number;
}

/** autocannon's options, where `url` may name several servers: autocannon deals the connections out between them in turn (its types say one). */
export type LoadOptions = Omit<autocannon.Options, "url"> & { url: string | string[] };

export async function load(options: LoadOptions): Promise<Load> {
  const result = await autocannon({ connections: PAGE_CONNECTIONS, duration: SECONDS, ...options } as autocannon.Options);
  return {
    rps: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result["4xx"] + result["5xx"] + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

export interface PageLoad extends Load {
  /** The first view, before anything is warm. */
  firstMs: number;
  status: number;
}

/** One page: its first view, then a short load of the same request. */
export async function loadPage(url: string, cookie?: string): Promise<PageLoad> {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const started = performance.now();
  const first = await fetch(url, { headers, redirect: "manual" });
  await first.arrayBuffer();
  const firstMs = Math.round(performance.now() - started);
  const figures = await load({ url, headers });
  return { ...figures, firstMs, status: first.status };
}

export const row = (name: string, figures: Load) =>
  `${name.padEnd(44)} ${figures.rps.toFixed(0).padStart(7)} req/s   p50 ${String(figures.p50).padStart(5)} ms   p99 ${String(figures.p99).padStart(5)} ms${figures.failed ? `   (${figures.failed} failed)` : ""}`;
