import path from "node:path";
import { sql } from "kysely";
import { createDb, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { tmpDir } from "../setup/paths";
import { adminQuery, databaseUrl, startTestPostgres, type TestPostgres } from "../support/postgres";
import { signInWithFetch } from "../support/second-factor";
import { startServer, type RunningServer } from "../support/server";

/**
 * Two app instances sharing one PostgreSQL, the way a council runs the portal behind a load
 * balancer (docs/deploy.md), under concurrent submissions to both. This file starts a PostgreSQL of
 * its own, so that it can restart it without disturbing other tests.
 */
const SURVEY = "young-people";
const IN_FLIGHT = 160;

let postgres: TestPostgres;
let url: string;
let db: DB;
const servers: RunningServer[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres(path.join(tmpDir, `postgres-instances-${process.pid}`));
  await adminQuery(postgres.adminUrl, "create database portal");
  url = databaseUrl(postgres.adminUrl, "portal");
  db = createDb(url);
  await migrateToLatest(db, () => {});
  // One after the other: the first loads the demo data into the empty database, the second finds it there.
  servers.push(await startServer({ databaseUrl: url }));
  servers.push(await startServer({ databaseUrl: url }));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await db?.destroy();
  await postgres?.stop();
});

async function startDraft(base: string): Promise<string> {
  const response = await fetch(`${base}/surveys/${SURVEY}`, { method: "POST", body: new URLSearchParams({ intent: "start" }), redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith("draft="));
  if (!cookie) throw new Error(`no draft cookie (status ${response.status})`);
  return cookie.split(";")[0];
}

const submit = (base: string, cookie: string) =>
  fetch(`${base}/surveys/${SURVEY}/consent`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: "quote=yes&website=",
    redirect: "manual",
  });

const acknowledged = (response: Response) => response.status === 303 && response.headers.get("Location") === `/surveys/${SURVEY}/confirmation`;

/** Drafts started on both instances, each holding a complete set of answers, as if each person had reached the last page. */
async function readyDrafts(count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push(await startDraft(servers[i % 2].url));
  const questions = await db
    .selectFrom("questions as q")
    .innerJoin("surveys as s", "s.id", "q.survey_id")
    .select(["q.key", "q.id"])
    .where("s.slug", "=", SURVEY)
    .execute();
  const ids = Object.fromEntries(questions.map((row) => [row.key, row.id]));
  const answers = JSON.stringify({ [ids["school-feel"]]: "good", [ids["adults-listen"]]: "okay", [ids["best-thing"]]: "My mentor." });
  await db.updateTable("drafts").set({ answers }).where("response_id", "is", null).execute();
  return cookies;
}

const responseCount = async () =>
  (
    await db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

/** What every acknowledged person was shown: their reference, read back from either instance. */
async function referenceOf(cookie: string, base: string): Promise<string> {
  const page = await fetch(`${base}/surveys/${SURVEY}/confirmation`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(page.status).toBe(200);
  const reference = (await page.text()).match(/class="app-reference">([2-9A-Z-]{14})</)?.[1]?.replaceAll("-", "");
  if (!reference) throw new Error("no reference on the confirmation page");
  return reference;
}

async function expectEachOnce(acked: Iterable<string>) {
  for (const cookie of acked) {
    const reference = await referenceOf(cookie, servers[0].url);
    const rows = await db.selectFrom("responses").select("id").where("reference", "=", reference).execute();
    expect(rows, `reference ${reference}`).toHaveLength(1);
  }
}

/** Responses and sent drafts: the demo has some of each (one draft a response), so a test counts what it adds. */
async function sentSoFar() {
  const row = await sql<{ responses: number; drafts: number }>`
    select (select count(*) from responses) as responses,
           (select count(*) from drafts where response_id is not null) as drafts`.execute(db);
  return row.rows[0];
}

async function expectOneResponsePerDraft(before: { responses: number; drafts: number }) {
  const row = await sql<{ responses: number; drafts: number; linked: number }>`
    select (select count(*) from responses) - ${before.responses} as responses,
           (select count(*) from drafts where response_id is not null) - ${before.drafts} as drafts,
           (select count(distinct response_id) from drafts where response_id is not null) - ${before.drafts} as linked`.execute(db);
  const counts = row.rows[0];
  expect(counts.responses).toBe(counts.drafts);
  expect(counts.linked).toBe(counts.drafts);
  return counts;
}

describe("two instances on one PostgreSQL", () => {
  it("keeps every acknowledged response once, drafts moving between instances, when one is killed with SIGKILL mid-load three times", async () => {
    const baseline = await sentSoFar();
    const everyone: string[] = [];
    const acked = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const victim = round % 2;
      const cookies = await readyDrafts(IN_FLIGHT);
      everyone.push(...cookies);
      let killed = false;
      let roundAcked = 0;
      await Promise.allSettled(
        cookies.map(async (cookie, i) => {
          // Each draft is sent to the instance it was not started on.
          const response = await submit(servers[(i + 1) % 2].url, cookie);
          if (acknowledged(response)) {
            acked.add(cookie);
            roundAcked += 1;
          }
          if (roundAcked >= 30 && !killed) {
            killed = true;
            servers[victim].process.kill("SIGKILL");
          }
        }),
      );
      expect(killed, `round ${round + 1} killed an instance`).toBe(true);
      const { port } = servers[victim];
      await new Promise<void>((resolve) =>
        servers[victim].process.exitCode !== null || servers[victim].process.signalCode ? resolve() : servers[victim].process.once("exit", () => resolve()),
      );
      servers[victim] = await startServer({ databaseUrl: url, port });
    }

    await expectEachOnce(acked);
    const afterKills = await expectOneResponsePerDraft(baseline);
    expect(afterKills.responses).toBeGreaterThanOrEqual(acked.size);

    // Everyone whose answer was lost in flight presses "Send" again, on either instance: one response each.
    const retries = await Promise.all(everyone.map((cookie, i) => submit(servers[i % 2].url, cookie)));
    expect(retries.every(acknowledged)).toBe(true);
    expect(await expectOneResponsePerDraft(baseline)).toEqual({ responses: everyone.length, drafts: everyone.length, linked: everyone.length });
  }, 300_000);

  it("shares sessions and throttles between the instances, and runs a scheduled job once for both", async () => {
    const [a, b] = servers;
    const cookie = await signInWithFetch(a.url, "moderator@example.org", "demo moderator password");
    const queue = await fetch(`${b.url}/moderate`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(queue.status).toBe(200);

    // Ten wrong references are allowed from one address in ten minutes: five on each instance, then both refuse.
    const guess = (base: string, n: number) =>
      fetch(`${base}/my-feedback`, { method: "POST", body: new URLSearchParams({ reference: `WRONG${String(n).padStart(7, "2")}` }), redirect: "manual" });
    for (let n = 0; n < 10; n++) expect((await guess(n % 2 === 0 ? a.url : b.url, n)).status).toBe(400);
    expect((await guess(a.url, 11)).status).toBe(429);
    expect((await guess(b.url, 12)).status).toBe(429);

    // Every instance started (five starts, with the restarts) and asked for the draft sweep at once; it ran once.
    const sweep = await db.selectFrom("scheduled_jobs").select(["runs", "next_run_at"]).where("name", "=", "draft sweep").executeTakeFirstOrThrow();
    expect(sweep.runs).toBe(1);
    expect(Date.parse(sweep.next_run_at)).toBeGreaterThan(Date.now() + 30 * 60 * 1000);
  }, 120_000);

  it("loses no acknowledged response when PostgreSQL restarts during submissions, answers 503 meanwhile, and recovers without restarting", async () => {
    const baseline = await responseCount();
    const pids = servers.map((server) => server.process.pid);
    const cookies = await readyDrafts(IN_FLIGHT);
    const acked = new Set<string>();
    const unavailable: Response[] = [];
    let restarted: Promise<void> | undefined;
    await Promise.allSettled(
      cookies.map(async (cookie, i) => {
        const response = await submit(servers[i % 2].url, cookie);
        if (acknowledged(response)) acked.add(cookie);
        else if (response.status === 503) unavailable.push(response);
        else await response.body?.cancel();
        if (acked.size >= 30 && !restarted) restarted = postgres.restart();
      }),
    );
    await restarted;
    expect(restarted).toBeDefined();

    // Those in flight as PostgreSQL stopped were turned away, and told, in their language, to try again.
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable[0].headers.get("Retry-After")).toBe("30");
    expect(await unavailable[0].text()).toContain("Sorry, the service is busy");

    // Both instances answer again by themselves: same processes, new connections.
    for (const server of servers) {
      let healthy = false;
      for (let attempt = 0; attempt < 50 && !healthy; attempt++) {
        healthy = (await fetch(`${server.url}/healthz`)).ok;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(healthy).toBe(true);
    }
    expect(servers.map((server) => server.process.pid)).toEqual(pids);

    await expectEachOnce(acked);
    const retries = await Promise.all(cookies.map((cookie, i) => submit(servers[(i + 1) % 2].url, cookie)));
    expect(retries.every(acknowledged)).toBe(true);
    expect((await responseCount()) - baseline).toBe(IN_FLIGHT);
  }, 180_000);
});
