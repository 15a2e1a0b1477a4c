import SQLite from "better-sqlite3";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

const SURVEY = "young-people";
const IN_FLIGHT = 200;

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (server) removeDatabase(server.databasePath);
});

async function startDraft(url: string): Promise<string> {
  const response = await fetch(`${url}/surveys/${SURVEY}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "start" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith("draft="));
  if (!cookie) throw new Error(`no draft cookie (status ${response.status})`);
  return cookie.split(";")[0];
}

function submit(url: string, cookie: string) {
  return fetch(`${url}/surveys/${SURVEY}/consent`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: "quote=yes&website=",
    redirect: "manual",
  });
}

const acknowledged = (response: Response) => response.status === 303 && response.headers.get("Location") === `/surveys/${SURVEY}/confirmation`;

/** Drafts, each holding a complete set of answers, as if each person had reached the last page. */
async function readyDrafts(server: RunningServer, count: number) {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push(await startDraft(server.url));
  const writer = new SQLite(server.databasePath);
  writer.pragma("busy_timeout = 5000");
  const ids = Object.fromEntries(
    writer
      .prepare("select q.key, q.id from questions q join surveys s on s.id = q.survey_id where s.slug = ?")
      .all(SURVEY)
      .map((row) => [(row as { key: string }).key, (row as { id: number }).id]),
  );
  writer
    .prepare("update drafts set answers = ? where response_id is null")
    .run(JSON.stringify({ [ids["school-feel"]]: "good", [ids["adults-listen"]]: "okay", [ids["best-thing"]]: "My mentor." }));
  writer.close();
  return cookies;
}

/** Sends every draft at once and kills the server with SIGKILL once `after` have been acknowledged. */
async function sendAndKill(running: RunningServer, cookies: string[], after: number) {
  const acked = new Set<string>();
  let killed = false;
  await Promise.allSettled(
    cookies.map(async (cookie) => {
      const response = await submit(running.url, cookie);
      if (acknowledged(response)) acked.add(cookie);
      if (acked.size >= after && !killed) {
        killed = true;
        running.process.kill("SIGKILL");
      }
    }),
  );
  await new Promise<void>((resolve) =>
    running.process.exitCode !== null || running.process.signalCode ? resolve() : running.process.once("exit", () => resolve()),
  );
  expect(running.process.signalCode).toBe("SIGKILL");
  return acked;
}

describe("durability", () => {
  it("keeps every acknowledged submission, once, when the server is killed with SIGKILL mid-flight three times", async () => {
    server = await startServer();
    const { url, port, databasePath } = server;
    // Demo mode loads responses of its own: count only what these submissions add.
    // The demo's recent responses have their drafts too (one each).
    const [baseline] = server.query<{ responses: number; drafts: number }>(
      "select (select count(*) from responses) as responses, (select count(*) from drafts where response_id is not null) as drafts",
    );
    const everyone: string[] = [];
    const acked = new Set<string>();

    for (let round = 1; round <= 3; round++) {
      const cookies = await readyDrafts(server, IN_FLIGHT);
      everyone.push(...cookies);
      const these = await sendAndKill(server, cookies, 20);
      expect(these.size, `round ${round}`).toBeGreaterThanOrEqual(20);
      expect(these.size, `round ${round}`).toBeLessThan(IN_FLIGHT);
      for (const cookie of these) acked.add(cookie);
      server = await startServer({ databasePath, port });
    }

    // Everyone who was shown a reference has exactly one response with it.
    for (const cookie of acked) {
      const page = await fetch(`${url}/surveys/${SURVEY}/confirmation`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
      const reference = (await page.text()).match(/class="app-reference">([2-9A-Z-]{14})</)?.[1]?.replaceAll("-", "");
      expect(server.query("select id from responses where reference = ?", reference)).toHaveLength(1);
    }
    const counts = () =>
      server!.query<{ responses: number; drafts: number; distinct_links: number }>(
        `select (select count(*) from responses) - ${baseline.responses} as responses,
                (select count(*) from drafts where response_id is not null) - ${baseline.drafts} as drafts,
                (select count(distinct response_id) from drafts where response_id is not null) - ${baseline.drafts} as distinct_links`,
      )[0];
    const afterCrashes = counts();
    expect(afterCrashes.responses).toBe(afterCrashes.drafts);
    expect(afterCrashes.distinct_links).toBe(afterCrashes.drafts);
    expect(afterCrashes.responses).toBeGreaterThanOrEqual(acked.size);
    expect(server.query("pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);

    // Everyone whose answer was lost in flight presses "Send" again: one response each, no more.
    const retries = await Promise.all(everyone.map((cookie) => submit(url, cookie)));
    expect(retries.every(acknowledged)).toBe(true);
    expect(counts()).toEqual({ responses: everyone.length, drafts: everyone.length, distinct_links: everyone.length });
  }, 240_000);
});
