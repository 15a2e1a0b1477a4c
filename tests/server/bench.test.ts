import { spawn } from "node:child_process";
import { inject } from "vitest";
import { repoRoot } from "../setup/paths";
import { pageNames } from "../bench/report";

/**
 * `npm run bench` at 1,000 responses, one second per figure and without the extras, on SQLite and
 * on PostgreSQL: it must finish and print its JSON line with a figure for everything it measures.
 * How fast is for the bench to say, not for a test.
 */
function runBench(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/bench.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_RESPONSES: "1000", BENCH_SECONDS: "1", BENCH_EXTRAS: "0", BENCH_SOAK_SECONDS: "10", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const load = expect.objectContaining({ rps: expect.any(Number), p50: expect.any(Number), p99: expect.any(Number) });
const submissions = expect.objectContaining({ rps: expect.any(Number), p50: expect.any(Number), p99: expect.any(Number), stored: expect.any(Number) });

/** The one BENCH_JSON line, with every figure of the 1,000-response run in it. */
function benchFigures(code: number | null, output: string) {
  expect(code, output).toBe(0);
  const lines = output.split("\n").filter((line) => line.startsWith("BENCH_JSON "));
  expect(lines).toHaveLength(1);
  const figures = JSON.parse(lines[0].slice("BENCH_JSON ".length));

  expect(figures.sizes).toHaveLength(1);
  const [size] = figures.sizes;
  expect(size.responses).toBe(1000);
  expect(size.questionPage).toEqual(load);
  expect(size.bare).toEqual(load);
  expect(size.ratio).toBeGreaterThan(0);
  expect(size.submissions).toEqual(submissions);
  expect(size.submissions.stored).toBeGreaterThan(0);
  expect(Object.keys(size.pages).sort()).toEqual(Object.keys(pageNames).sort());
  for (const [name, page] of Object.entries(size.pages)) {
    expect(page, name).toEqual(load);
    expect((page as { status: number }).status, name).toBe(200);
  }
  expect(size.export.rows).toBeGreaterThan(0);
  expect(size.export.rowsPerSecond).toBeGreaterThan(0);
  expect(size.export.peakMb).toBeGreaterThan(0);
  expect(size.merge.status).toBe(303);
  expect(size.merge.moved).toBeGreaterThan(0);
  expect(size.merge.doneMs).toBeGreaterThanOrEqual(size.merge.ms);
  expect(size.eventLoop.maxMs).toBeGreaterThan(0);
  expect(figures.detector.patterns).toBeGreaterThan(0);
  // The soak ran its ten windows, reading all three kinds of page, and kept the server's memory.
  expect(figures.soak.windows).toHaveLength(10);
  for (const window of figures.soak.windows) expect(window.requests).toBeGreaterThan(0);
  expect(figures.soak.rssMb.last).toBeGreaterThan(0);
  // The table is printed with a column for the size and whether each target was met.
  expect(output).toContain("1,000 responses");
  expect(Object.values(figures.targets).every((met) => typeof met === "boolean")).toBe(true);
  return { figures, size };
}

const onPostgres = (process.env.TEST_ENGINES ?? "sqlite,postgres").split(",").includes("postgres");

describe("npm run bench", () => {
  it("measures every endpoint at 1,000 responses on SQLite and prints one BENCH_JSON line", { timeout: 180_000 }, async () => {
    const { code, output } = await runBench([]);
    const { figures, size } = benchFigures(code, output);
    expect(figures.database.engine).toBe("sqlite");
    expect(size.twoInstances).toBeNull();
    expect(Object.keys(figures.targets)).not.toContain("submissions to two instances, req/s");
  });

  it.skipIf(!onPostgres)("measures the same on PostgreSQL, and the submissions with one instance and with two", { timeout: 300_000 }, async () => {
    // The e2e project's PostgreSQL server: the bench copies the dataset into it and clones it per run.
    const { code, output } = await runBench(["--db", "postgres"], { BENCH_POSTGRES_URL: inject("postgresAdminUrl") });
    const { figures, size } = benchFigures(code, output);
    expect(figures.database.engine).toBe("postgres");
    expect(figures.database.version).toMatch(/^\d+/);
    expect(size.twoInstances).toEqual(submissions);
    expect(size.twoInstances.stored).toBeGreaterThan(0);
    expect(size.twoInstances.processesEach).toBeGreaterThanOrEqual(1);
    expect(output).toContain("complete submission, one instance");
    expect(output).toContain("complete submission, two instances");
    expect(figures.targets).toHaveProperty(["submissions to two instances, req/s"]);
    expect(figures.targets).toHaveProperty(["submissions to two instances, p50 / p99 ms"]);
  });
});
