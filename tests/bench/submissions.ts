// Complete submissions: drafts with every answer in place, as respondents leave them, each sent once
// by the final POST, to one instance of the portal or shared between several on one database.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { getSurvey } from "../../app/surveys/surveys.server";
import type { RunningServer } from "../support/server";
import { load, row, SECONDS, THROUGHPUT_CONNECTIONS, type Load } from "./load";
import { answerSurvey, seeded } from "./respondents";
import { wordBanks } from "./words";

export const SURVEY = "parents-and-carers";

export interface Submissions extends Load {
  stored: number;
  firstMs: number;
}

const countResponses = async (db: DB) =>
  Number(
    (
      await db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** `count` drafts ready to send, written straight into the database; their cookies. */
async function readyDrafts(db: DB, count: number): Promise<string[]> {
  const survey = (await getSurvey(db, SURVEY, "en"))!;
  const next = seeded(42);
  const bank = wordBanks().get("en")!;
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  const rows = tokens.map((token) => ({
    survey_id: survey.id,
    token_hash: createHash("sha256").update(token).digest("hex"),
    lang: "en",
    answers: JSON.stringify(answerSurvey(next, survey.questions, { lang: "en", bank, young: false }).answers),
    updated_at: now,
    expires_at: expires,
    audience: "parent_carer" as const,
  }));
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += 1000)
      await trx
        .insertInto("drafts")
        .values(rows.slice(start, start + 1000))
        .execute();
  });
  const draftCookie = createCookie("draft", { httpOnly: true, sameSite: "lax" });
  return Promise.all(tokens.map(async (token) => (await draftCookie.serialize(token)).split(";")[0]));
}

/**
 * The submissions, sent by THROUGHPUT_CONNECTIONS connections shared out between the servers (all
 * on the database `db`); the first one is timed on its own, as it reads the safeguarding lists.
 */
export async function submissions(servers: RunningServer[], db: DB, label: string): Promise<Submissions> {
  const cookies = await readyDrafts(db, Math.max(2000, SECONDS * 1500));
  const before = await countResponses(db);
  const started = performance.now();
  const first = await fetch(`${servers[0].url}/surveys/${SURVEY}/consent`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[0] },
    body: "quote=yes&website=",
    redirect: "manual",
  });
  const firstMs = Math.round(performance.now() - started);
  let sent = 1;
  const figures = await load({
    url: servers.map((server) => server.url),
    connections: THROUGHPUT_CONNECTIONS,
    requests: [
      {
        method: "POST",
        path: `/surveys/${SURVEY}/consent`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "quote=yes&website=",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, Cookie: cookies[sent++ % cookies.length] } }),
      },
    ],
  });
  const stored = (await countResponses(db)) - before;
  console.log(row(label, figures));
  console.log(
    `  first submission ${firstMs} ms (status ${first.status}); ${stored} responses stored for ${figures.total + 1} answered requests (${cookies.length} drafts ready)`,
  );
  return { ...figures, stored, firstMs };
}
