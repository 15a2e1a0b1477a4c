import { parseEnv } from "~/env.server";
import { repeat } from "../../server/repeat";
import { FIRST_RESTART_DELAY_MS, LONGEST_RESTART_DELAY_MS, restartDelay, STEADY_AFTER_MS, workerCount } from "../../server/processes";

const env = (source: Record<string, string>) => parseEnv(source as NodeJS.ProcessEnv);

describe("how many processes serve requests", () => {
  it("is one per core in production, and one in demo mode, development and tests", () => {
    expect(workerCount(env({ NODE_ENV: "production" }), 8)).toBe(8);
    expect(workerCount(env({ NODE_ENV: "production", DEMO_MODE: "true" }), 8)).toBe(1);
    expect(workerCount(env({ NODE_ENV: "development" }), 8)).toBe(1);
    expect(workerCount(env({ NODE_ENV: "test" }), 8)).toBe(1);
  });

  it("is WEB_CONCURRENCY when it is set, and refuses a number that is not one", () => {
    expect(workerCount(env({ NODE_ENV: "production", WEB_CONCURRENCY: "1" }), 8)).toBe(1);
    expect(workerCount(env({ NODE_ENV: "production", DEMO_MODE: "true", WEB_CONCURRENCY: "3" }), 8)).toBe(3);
    expect(workerCount(env({ NODE_ENV: "production", WEB_CONCURRENCY: "" }), 8)).toBe(8);
    for (const bad of ["0", "two", "1.5", "-2"]) expect(() => env({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY/);
  });
});

describe("replacing a worker that stopped", () => {
  it("waits longer each time a worker dies young, up to a limit, so a crash loop does not spin", () => {
    const waits: number[] = [];
    let wait = 0;
    for (let crash = 0; crash < 12; crash++) waits.push((wait = restartDelay(wait, 1_000)));
    expect(waits.slice(0, 4)).toEqual([FIRST_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2, FIRST_RESTART_DELAY_MS * 4, FIRST_RESTART_DELAY_MS * 8]);
    expect(waits.at(-1)).toBe(LONGEST_RESTART_DELAY_MS);
  });

  it("replaces at once a worker that ran steadily, whatever happened before", () => {
    expect(restartDelay(LONGEST_RESTART_DELAY_MS, STEADY_AFTER_MS)).toBe(0);
    expect(restartDelay(0, STEADY_AFTER_MS + 1)).toBe(0);
  });
});

describe("scheduled work", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs at once and then on its interval, never twice at the same time, and stopping waits for the run in progress", async () => {
    vi.useFakeTimers();
    const runs: (() => void)[] = [];
    const job = repeat("test job", 1_000, () => new Promise<void>((resolve) => runs.push(resolve)));
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(1);

    runs[0]();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(2);

    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stopped).toBe(false);
    runs[1]();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(2);
  });

  it("keeps going after a run fails, and says what failed", async () => {
    vi.useFakeTimers();
    const logged: string[] = [];
    let attempts = 0;
    const job = repeat(
      "flaky job",
      1_000,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("disk full");
      },
      { log: (...parts) => logged.push(parts.map(String).join(" ")) },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await job.stop();
    expect(attempts).toBe(2);
    expect(logged).toEqual(["flaky job: Error: disk full"]);
  });
});
