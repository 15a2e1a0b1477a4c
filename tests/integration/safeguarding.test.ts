import { getDb } from "~/db.server";
import { mentionsConcern } from "~/moderation/safeguarding.server";
import * as queue from "~/routes/moderate._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as flags from "~/routes/moderate.safeguarding._index";
import * as flagPage from "~/routes/moderate.safeguarding.$flagId";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";

const db = () => getDb();

async function flagged() {
  const slug = await createParentSurvey(db());
  const moderator = await createStaff(db(), "moderator");
  const lead = await createStaff(db(), "safeguarding_lead");
  const id = await createResponse(db(), slug, { "one-change": "He says he wants to hurt himself." });
  const { response } = await call(responsePage.action, {
    path: `/moderate/responses/${id}`,
    params: { id: String(id) },
    form: { csrf: moderator.csrf, intent: "flag", reason: "Risk of self-harm" },
    headers: { Cookie: moderator.cookie },
  });
  const flag = await db().selectFrom("safeguarding_flags").select("id").where("response_id", "=", id).executeTakeFirstOrThrow();
  return { slug, moderator, lead, id, response, flagId: flag.id };
}

describe("flagging a safeguarding concern", () => {
  it("takes the response out of the queue and its counts at once, for every moderator", async () => {
    const { slug, moderator, id, response } = await flagged();
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/moderate\?.*flagged=1/);
    const list = await call(queue.loader, { path: `/moderate?survey=${slug}`, headers: { Cookie: moderator.cookie } });
    const data = await readJson<{ page: { rows: { id: number }[] }; counts: Record<string, number> }>(list.response);
    expect(data.page.rows.map((row) => row.id)).not.toContain(id);
    expect(data.counts).toEqual({ new: 0, in_review: 0, done: 0 });
    const page = await call(responsePage.loader, { path: `/moderate/responses/${id}`, params: { id: String(id) }, headers: { Cookie: moderator.cookie } });
    expect(page.response.status).toBe(404);
  });

  it("needs a reason, and keeps that reason out of the audit log", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const id = await createResponse(db(), slug, {});
    const { response } = await call(responsePage.action, { path: `/moderate/responses/${id}`, params: { id: String(id) }, form: { csrf: moderator.csrf, intent: "flag", reason: " " }, headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(400);
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(0);
    const { moderator: m2 } = await flagged();
    const log = await db().selectFrom("audit_log").select(["action", "after"]).where("user_id", "=", m2.id).execute();
    expect(log.map((entry) => entry.action)).toEqual(["safeguarding.flag"]);
    expect(JSON.stringify(log)).not.toContain("self-harm");
  });

  it("shows leads the flag with how long it has waited; they record a handover", async () => {
    const { lead, flagId } = await flagged();
    const list = await readJson<{ flags: { id: number; last_handover_at: string | null }[] }>((await call(flags.loader, { path: "/moderate/safeguarding", headers: { Cookie: lead.cookie } })).response);
    expect(list.flags.find((flag) => flag.id === flagId)).toMatchObject({ last_handover_at: null });

    const bad = await call(flagPage.action, { path: `/moderate/safeguarding/${flagId}`, params: { flagId: String(flagId) }, form: { csrf: lead.csrf, intent: "handover", handedTo: "", on: "yesterday", action: "" }, headers: { Cookie: lead.cookie } });
    expect(bad.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(bad.response)).errors.map((e) => e.field)).toEqual(["handedTo", "on", "action"]);

    const done = await call(flagPage.action, {
      path: `/moderate/safeguarding/${flagId}`,
      params: { flagId: String(flagId) },
      form: { csrf: lead.csrf, intent: "handover", handedTo: "MASH duty worker", on: "2026-11-22", action: "Phoned the family; referral made." },
      headers: { Cookie: lead.cookie },
    });
    expect(done.response.status).toBe(303);
    const detail = await readJson<{ flag: { handovers: { handed_to: string }[] } }>((await call(flagPage.loader, { path: `/moderate/safeguarding/${flagId}`, params: { flagId: String(flagId) }, headers: { Cookie: lead.cookie } })).response);
    expect(detail.flag.handovers.map((h) => h.handed_to)).toEqual(["MASH duty worker"]);
    const log = await db().selectFrom("audit_log").select("action").where("user_id", "=", lead.id).execute();
    expect(log.map((entry) => entry.action)).toEqual(["safeguarding.handover"]);
  });

  it("cannot be undone without a reason; with one, the response returns to the queue", async () => {
    const { lead, id, flagId } = await flagged();
    const noReason = await call(flagPage.action, { path: `/moderate/safeguarding/${flagId}`, params: { flagId: String(flagId) }, form: { csrf: lead.csrf, intent: "unflag", reason: "" }, headers: { Cookie: lead.cookie } });
    expect(noReason.response.status).toBe(400);
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(1);
    await call(flagPage.action, { path: `/moderate/safeguarding/${flagId}`, params: { flagId: String(flagId) }, form: { csrf: lead.csrf, intent: "unflag", reason: "A quote from a film, checked with the family." }, headers: { Cookie: lead.cookie } });
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(0);
    expect(await db().selectFrom("safeguarding_flags").select("resolution").where("id", "=", flagId).executeTakeFirstOrThrow()).toEqual({ resolution: "A quote from a film, checked with the family." });
  });
});

describe("possible concerns in free text", () => {
  it("are found as whole words and phrases, whatever the case and punctuation", async () => {
    expect(await mentionsConcern(db(), ["I feel NOT SAFE at home."], "en")).toBe(true);
    expect(await mentionsConcern(db(), ["she started to self-harm last year"], "en")).toBe(true);
    expect(await mentionsConcern(db(), ["We were disabused of the idea quickly"], "en")).toBe(false);
    expect(await mentionsConcern(db(), ["The speech therapist is brilliant."], "en")).toBe(false);
  });

  it("fall back to the English list for another language", async () => {
    expect(await mentionsConcern(db(), ["Mój syn mówi: suicide"], "pl")).toBe(true);
  });
});
