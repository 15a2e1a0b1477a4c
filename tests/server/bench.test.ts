import { spawn } from "node:child_process";
import { repoRoot } from "../setup/paths";
import { pageNames } from "../bench/report";

/**
 * `npm run bench` at 1,000 responses, one second per figure and without the extras: it must finish
 * and print its JSON line with a figure for everything it measures. How fast is for the bench to say,
 * not for a test.
 */
function runBench(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/bench.ts"], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_RESPONSES: "1000", BENCH_SECONDS: "1", BENCH_EXTRAS: "0", BENCH_SOAK_SECONDS: "10" },
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

describe("npm run bench", () => {
  it("measures every endpoint at 1,000 responses and prints one BENCH_JSON line", { timeout: 180_000 }, async () => {
    const { code, output } = await runBench();
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
    expect(size.submissions).toEqual(load);
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
  });
});
