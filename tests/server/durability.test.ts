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

describe("durability", () => {
  it("keeps every acknowledged submission, once, when the server is killed with SIGKILL mid-flight", async () => {
    server = await startServer();
    const { url, port, databasePath } = server;

    const cookies: string[] = [];
    for (let i = 0; i < IN_FLIGHT; i++) cookies.push(await startDraft(url));

    // Every draft holds a complete set of answers, as if each person had reached the last page.
    const writer = new SQLite(databasePath);
    writer.pragma("busy_timeout = 5000");
    const ids = Object.fromEntries(
      writer
        .prepare("select q.key, q.id from questions q join surveys s on s.id = q.survey_id where s.slug = ?")
        .all(SURVEY)
        .map((row) => [(row as { key: string }).key, (row as { id: number }).id]),
    );
    writer
      .prepare("update drafts set answers = ?")
      .run(JSON.stringify({ [ids["school-feel"]]: "good", [ids["adults-listen"]]: "okay", [ids["best-thing"]]: "My mentor." }));
    writer.close();

    // Demo mode loads responses of its own: count only what these submissions add.
    const baseline = server.query<{ n: number }>("select count(*) as n from responses")[0].n;
    const acked = new Set<string>();
    const running = server;
    let killed = false;
    await Promise.allSettled(
      cookies.map(async (cookie) => {
        const response = await submit(url, cookie);
        if (acknowledged(response)) acked.add(cookie);
        if (acked.size >= 20 && !killed) {
          killed = true;
          running.process.kill("SIGKILL");
        }
      }),
    );
    await new Promise<void>((resolve) =>
      running.process.exitCode !== null || running.process.signalCode ? resolve() : running.process.once("exit", () => resolve()),
    );
    expect(running.process.signalCode).toBe("SIGKILL");
    expect(acked.size).toBeGreaterThanOrEqual(20);
    expect(acked.size).toBeLessThan(IN_FLIGHT);

    server = await startServer({ databasePath, port });
    for (const cookie of acked) {
      const page = await fetch(`${url}/surveys/${SURVEY}/confirmation`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
      const reference = (await page.text()).match(/class="app-reference">([2-9A-Z-]{14})</)?.[1]?.replaceAll("-", "");
      expect(server.query("select id from responses where reference = ?", reference)).toHaveLength(1);
    }
    const counts = () =>
      server!.query<{ responses: number; drafts: number; distinct_links: number }>(
        `select (select count(*) from responses) - ${baseline} as responses,
                (select count(*) from drafts where response_id is not null) as drafts,
                (select count(distinct response_id) from drafts where response_id is not null) as distinct_links`,
      )[0];
    const afterCrash = counts();
    expect(afterCrash.responses).toBe(afterCrash.drafts);
    expect(afterCrash.distinct_links).toBe(afterCrash.drafts);
    expect(afterCrash.responses).toBeGreaterThanOrEqual(acked.size);

    // Everyone whose answer was lost in flight presses "Send" again: one response each, no more.
    const retries = await Promise.all(cookies.map((cookie) => submit(url, cookie)));
    expect(retries.every(acknowledged)).toBe(true);
    expect(counts()).toEqual({ responses: IN_FLIGHT, drafts: IN_FLIGHT, distinct_links: IN_FLIGHT });
  });
});
