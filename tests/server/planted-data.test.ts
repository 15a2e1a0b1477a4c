import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { addUpdate, createAction } from "~/actions/actions.server";
import { createQuote } from "~/moderation/quotes.server";
import { generateCode } from "~/surveys/codes";
import { approvePublication, requestPublication, unpublish } from "~/publishing/publishing.server";
import { createStatement } from "~/publishing/statements.server";
import { tmpDir } from "../setup/paths";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

/**
 * Private words are planted in a demo portal: personal details in answers, a flagged response, a
 * response without consent, unapproved quotes, a moderator note, drafts and a withdrawn statement.
 * Then every public page, feed and export the public can reach is crawled, following every link and
 * filter, and none of the planted words may appear anywhere.
 */
const secrets = [
  "Zebedee Quartermaine",
  "07700 900461",
  "zebedee@example.net",
  "PLANTED-FLAGGED",
  "PLANTED-NOCONSENT",
  "PLANTED-UNAPPROVED",
  "PLANTED-NOTE",
  "PLANTED-DRAFT-STATEMENT",
  "PLANTED-DRAFT-ACTION",
  "PLANTED-DRAFT-UPDATE",
  "PLANTED-WITHDRAWN",
  "PLANTED-HELD",
];

let server: RunningServer | undefined;
let databasePath = "";
let plantedReference = "";

afterAll(async () => {
  await server?.stop();
  if (databasePath) removeDatabase(databasePath);
});

async function plant(db: DB) {
  const user = (role: string) =>
    db
      .selectFrom("users")
      .select(["id", "name", "email", "role", "organisation"])
      .where("role", "=", role as "moderator")
      .executeTakeFirstOrThrow();
  const [moderator, admin] = [await user("moderator"), await user("administrator")];
  const survey = await db.selectFrom("surveys").select("id").where("slug", "=", "parents-and-carers").executeTakeFirstOrThrow();
  const question = await db.selectFrom("questions").select("id").where("survey_id", "=", survey.id).where("key", "=", "one-change").executeTakeFirstOrThrow();
  const contact = await db.selectFrom("questions").select("id").where("survey_id", "=", survey.id).where("key", "=", "contact-reply").executeTakeFirstOrThrow();
  const themes = new Map((await db.selectFrom("themes").select(["id", "slug"]).execute()).map((theme) => [theme.slug, theme.id]));
  const communication = themes.get("communication")!;
  const period = await db.selectFrom("periods").select("id").where("slug", "=", "2025-26").executeTakeFirstOrThrow();
  const statement = await db
    .selectFrom("statements")
    .select("id")
    .where("theme_id", "=", communication)
    .where("period_id", "=", period.id)
    .executeTakeFirstOrThrow();

  const respond = async (text: string, consent: 0 | 1, reference: string) => {
    const { id } = await db
      .insertInto("responses")
      .values({ survey_id: survey.id, audience: "parent_carer", reference, lang: "en", quote_consent: consent, submitted_at: "2026-01-15T10:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("answers").values({ response_id: id, question_id: contact.id, choice: "disagree" }).execute();
    const answer = await db.insertInto("answers").values({ response_id: id, question_id: question.id, text }).returning("id").executeTakeFirstOrThrow();
    await db
      .insertInto("response_themes")
      .values({ response_id: id, theme_id: communication, tagged_by: moderator.id, tagged_at: "2026-01-16T10:00:00.000Z" })
      .execute();
    return { responseId: id, answerId: answer.id };
  };

  // Personal details in a counted, consenting response: it counts, but its words never show.
  plantedReference = generateCode();
  await respond("My son Zebedee Quartermaine waits. Call 07700 900461 or zebedee@example.net", 1, plantedReference);

  // A quote approved by two people, whose response is then flagged: it must leave every public place.
  const flagged = await respond("PLANTED-FLAGGED nobody answers my calls", 1, generateCode());
  const flaggedQuote = await createQuote(db, flagged.answerId, { text: "PLANTED-FLAGGED nobody answers", themeIds: [communication] }, moderator);
  await db
    .insertInto("quote_approvals")
    .values({ quote_id: flaggedQuote, user_id: admin.id, organisation: admin.organisation, approved_at: "2026-02-01T00:00:00.000Z" })
    .execute();
  await db.updateTable("quotes").set({ approved_at: "2026-02-01T00:00:00.000Z" }).where("id", "=", flaggedQuote).execute();
  await db.insertInto("statement_quotes").values({ statement_id: statement.id, quote_id: flaggedQuote }).execute();
  await db.updateTable("responses").set({ flagged: 1 }).where("id", "=", flagged.responseId).execute();

  // A response the detector held for a safeguarding lead, with a quote approved behind the workflow's back.
  const held = await respond("PLANTED-HELD my stepdad hits me", 1, generateCode());
  await db.updateTable("responses").set({ flagged: 1, possible_concern: 1 }).where("id", "=", held.responseId).execute();
  await db
    .insertInto("safeguarding_concerns")
    .values({ response_id: held.responseId, source: "detected", raised_at: "2026-01-15T10:00:00.000Z", matches: "[]" })
    .execute();
  const heldQuote = await createQuote(db, flagged.answerId, { text: "PLANTED-HELD quote", themeIds: [communication] }, moderator).catch(() => undefined);
  if (heldQuote) await db.insertInto("statement_quotes").values({ statement_id: statement.id, quote_id: heldQuote }).execute();

  // A quote forced in from a response without consent, approved and chosen: the public page must still refuse it.
  const noConsent = await respond("PLANTED-NOCONSENT please do not quote me", 0, generateCode());
  const { id: forced } = await db
    .insertInto("quotes")
    .values({
      answer_id: noConsent.answerId,
      response_id: noConsent.responseId,
      text: "PLANTED-NOCONSENT quote",
      lang: "en",
      created_by: moderator.id,
      created_at: "2026-02-01T00:00:00.000Z",
      updated_at: "2026-02-01T00:00:00.000Z",
      approved_at: "2026-02-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("statement_quotes").values({ statement_id: statement.id, quote_id: forced }).execute();

  // A quote with one approval, linked to a published statement behind the workflow's back.
  const waiting = await respond("PLANTED-UNAPPROVED words", 1, generateCode());
  const unapproved = await createQuote(db, waiting.answerId, { text: "PLANTED-UNAPPROVED quote", themeIds: [communication] }, moderator);
  await db.insertInto("statement_quotes").values({ statement_id: statement.id, quote_id: unapproved }).execute();

  await db
    .insertInto("response_notes")
    .values({ response_id: waiting.responseId, user_id: moderator.id, body: "PLANTED-NOTE call the family", created_at: "2026-02-01T00:00:00.000Z" })
    .execute();

  // Drafts, and a statement that was published and then taken down.
  await createStatement(db, themes.get("camhs-mental-health")!, period.id, { summary: "PLANTED-DRAFT-STATEMENT", quoteIds: [] }, moderator.id);
  const draftAction = await createAction(
    db,
    {
      title: "PLANTED-DRAFT-ACTION",
      description: "PLANTED-DRAFT-ACTION",
      owner: "PLANTED-DRAFT-ACTION",
      partner: "council",
      due_on: "2026-12-31",
      measure: "m",
      theme: [communication],
      survey: [],
      period: period.id,
    },
    moderator.id,
  );
  await addUpdate(db, draftAction, { body: "PLANTED-DRAFT-UPDATE", updateOn: "2026-03-01" }, moderator.id);
  const withdrawn = await createStatement(
    db,
    themes.get("tribunals-complaints")!,
    period.id,
    { summary: "PLANTED-WITHDRAWN summary", quoteIds: [] },
    moderator.id,
  );
  await requestPublication(db, "statement", withdrawn, moderator);
  await approvePublication(db, "statement", withdrawn, admin);
  await unpublish(db, "statement", withdrawn, "Published by mistake", admin);
}

/** Every same-site address a page links to, outside the staff areas and the survey forms' actions. */
function links(html: string, base: string): string[] {
  const found = [...html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)].map((match) => match[1].replace(/&amp;/g, "&"));
  return found
    .map((href) => new URL(href, base))
    .filter((url) => url.origin === new URL(base).origin)
    .filter(
      (url) =>
        !/^\/(moderate|admin|sign-in|sign-out|build|styles|fonts|pictures|favicon)/.test(url.pathname) && !/\.(css|svg|png|ico|woff2?)$/.test(url.pathname),
    )
    .map((url) => url.pathname + url.search);
}

/** Every combination the public page's filter form offers, read from its own <select> options. */
function filterCombinations(html: string): string[] {
  const options = (name: string) => {
    const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
    return [...select.matchAll(/value="([^"]*)"/g)].map((match) => match[1]);
  };
  const combos: string[] = [];
  for (const period of options("period")) {
    for (const theme of options("theme")) combos.push(`/you-said-we-did?period=${period}&theme=${theme}`);
    for (const status of options("status")) {
      for (const audience of options("audience")) combos.push(`/you-said-we-did?period=${period}&status=${status}&audience=${audience}`);
    }
    combos.push(`/you-said-we-did?period=${period}&q=PLANTED`, `/you-said-we-did?period=${period}&q=Zebedee`);
  }
  return combos;
}

describe("planted private data", () => {
  it("never reaches a public page, feed or export", async () => {
    fs.mkdirSync(tmpDir, { recursive: true });
    databasePath = path.join(tmpDir, `planted-${randomUUID()}.sqlite`);
    const db = createDb(databasePath);
    await migrateToLatest(db, () => {});
    await seedDemo(db);
    await plant(db);
    await db.destroy();
    server = await startServer({ databasePath });

    const queue = [
      "/",
      "/you-said-we-did",
      "/you-said-we-did.json",
      "/you-said-we-did.json?period=2025-26",
      "/you-said-we-did.csv?period=2025-26",
      "/you-said-we-did.atom",
      "/my-feedback",
    ];
    const seen = new Set<string>();
    const leaks: string[] = [];
    const check = (where: string, body: string) => {
      for (const secret of secrets) if (body.includes(secret)) leaks.push(`${secret} on ${where}`);
    };
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const response = await fetch(server.url + next, { redirect: "manual" });
      expect(response.status, next).toBeLessThan(400);
      const body = await response.text();
      check(next, body);
      if (response.headers.get("Content-Type")?.includes("html") || response.headers.get("Content-Type")?.includes("xml")) {
        queue.push(...links(body, server.url + next));
      }
      if (next === "/you-said-we-did") queue.push(...filterCombinations(body));
    }

    // The respondent's own page, reached with the reference of the response full of personal details.
    const feedback = await fetch(`${server.url}/my-feedback`, { method: "POST", body: new URLSearchParams({ reference: plantedReference }) });
    const feedbackPage = await feedback.text();
    expect(feedback.status).toBe(200);
    expect(feedbackPage).toContain("Communication and case-worker contact");
    check("/my-feedback (POST)", feedbackPage);

    expect(leaks).toEqual([]);
    // The crawl really went everywhere: theme pages, action pages, the report and the filtered views.
    const visited = [...seen];
    expect(visited.filter((url) => url.startsWith("/you-said-we-did/themes/")).length).toBeGreaterThanOrEqual(4);
    expect(visited.filter((url) => url.startsWith("/you-said-we-did/actions/")).length).toBeGreaterThanOrEqual(5);
    expect(visited.some((url) => url.startsWith("/you-said-we-did/report"))).toBe(true);
    expect(visited.filter((url) => url.includes("status=")).length).toBeGreaterThan(10);
    // And the planted response with personal details did count: its words are hidden, not its voice.
    const data = (await (await fetch(`${server.url}/you-said-we-did.json?period=2025-26`)).json()) as {
      themes: { id: string; responsesRaised: number | null }[];
    };
    expect(data.themes.find((theme) => theme.id === "communication")?.responsesRaised).toBeGreaterThan(0);
  });
});
