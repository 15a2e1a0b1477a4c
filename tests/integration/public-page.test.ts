import { getDb } from "~/db.server";
import { createAction, createPeriod } from "~/actions/actions.server";
import { createQuote } from "~/moderation/quotes.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import { createStatement } from "~/publishing/statements.server";
import * as page from "~/routes/you-said-we-did";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";

const db = () => getDb();

describe("the public page", () => {
  it("shows only published statements and actions, suppressed figures, and nothing private", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const slug = await createParentSurvey(db());
    const period = (await createPeriod(db(), { slug: "public-test", name: "Public test", startsOn: "2033-01-01", endsOn: "2033-12-31" }, second.id)) as number;
    const day = (n: number) => new Date(Date.UTC(2033, 0, n));
    for (let i = 0; i < 12; i++) await createResponse(db(), slug, { "contact-reply": i % 2 ? "agree" : "disagree" }, day(i + 1));
    const flagged = await createResponse(db(), slug, { "contact-reply": "agree", "one-change": "PLANTED flagged words about my son Oliver" }, day(20));
    await db().updateTable("responses").set({ flagged: 1 }).where("id", "=", flagged).execute();
    const private1 = await createResponse(db(), slug, { "one-change": "PLANTED unapproved quote source" }, day(21));
    const answer = (await db().selectFrom("answers").select("id").where("response_id", "=", private1).executeTakeFirstOrThrow()).id;
    await createQuote(db(), answer, { text: "PLANTED unapproved quote", themeIds: [4] }, { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" });
    await db().insertInto("response_notes").values({ response_id: private1, user_id: author.id, body: "PLANTED moderator note", created_at: day(22).toISOString() }).execute();

    const published = await createStatement(db(), 4, period, { summary: "Families said nobody replies.", quoteIds: [] }, author.id);
    await requestPublication(db(), "statement", published, { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" });
    await approvePublication(db(), "statement", published, { id: second.id, name: "b", email: second.email, role: "administrator", organisation: "pcf" });
    await createStatement(db(), 3, period, { summary: "PLANTED draft statement", quoteIds: [] }, author.id);
    await createAction(db(), { title: "PLANTED draft action", description: "d", owner: "o", partner: "council", due_on: "2033-06-30", measure: "m", theme: [4], survey: [], period }, author.id);

    const { response } = await call(page.loader, { path: "/you-said-we-did?period=public-test" });
    const body = await response.clone().text();
    expect(body).not.toContain("PLANTED");
    expect(body).not.toContain("Oliver");
    const data = await readJson<{
      sections: { name: string; raised: number | null; split: Record<string, number | null>; splitHiddenToProtect: string[] }[];
      overview: { responses: { total: number | null } };
    }>(response);
    expect(data.sections.map((s) => s.name)).toEqual(["Communication and case-worker contact"]);
    // 12 responses answered the communication question (the flagged one never counts).
    expect(data.sections[0].raised).toBe(12);
    // No young people answered (0 is under 10), so the parents' 12 is hidden too: otherwise 12 − 12 gives it away.
    expect(data.sections[0].split).toEqual({ parent_carer: null, young_person: null });
    expect(data.sections[0].splitHiddenToProtect).toEqual(["parent_carer"]);
    expect(data.overview.responses.total).toBe(13);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
  });
});
