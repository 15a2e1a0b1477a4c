import { getDb } from "~/db.server";
import { LEASE_MS, runIfDue, takeJob } from "../../server/scheduled-jobs";

/** Scheduled work shared by several instances: a job runs in one of them at a time, once per period across them all. */
const db = () => getDb();

describe("scheduled jobs shared by every instance", () => {
  it("runs a job in one process only when several ask at the same moment, then not again until it is due", async () => {
    let ran = 0;
    const work = async () => {
      ran += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const results = await Promise.all(["a", "b", "c", "d", "e"].map((holder) => runIfDue(db(), "sweep", 60_000, work, holder)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(ran).toBe(1);
    // Another instance looking a moment later finds it done and not yet due again.
    expect(await runIfDue(db(), "sweep", 60_000, work, "f")).toBe(false);
    expect(ran).toBe(1);
    const row = await db().selectFrom("scheduled_jobs").selectAll().where("name", "=", "sweep").executeTakeFirstOrThrow();
    expect(row.runs).toBe(1);
    expect(Date.parse(row.next_run_at) - Date.parse(row.last_finished_at!)).toBe(60_000);
  });

  it("keeps a job from a second process while the first holds it, and lets another take it once the holder stopped renewing", async () => {
    const start = Date.now();
    expect(await takeJob(db(), "purge", "first", start)).toBe(true);
    expect(await takeJob(db(), "purge", "second", start + 1_000)).toBe(false);
    expect(await takeJob(db(), "purge", "second", start + LEASE_MS - 1)).toBe(false);
    // The first process died: its lease lapses and the job, still due, goes to the next that asks.
    expect(await takeJob(db(), "purge", "second", start + LEASE_MS + 1)).toBe(true);
    const row = await db().selectFrom("scheduled_jobs").select(["holder", "runs"]).where("name", "=", "purge").executeTakeFirstOrThrow();
    expect(row).toEqual({ holder: "second", runs: 0 });
  });

  it("lets the job go when its work fails, so that it runs again when next due", async () => {
    await expect(
      runIfDue(db(), "backup", 0, async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await runIfDue(db(), "backup", 0, async () => {}, "other")).toBe(true);
  });
});
