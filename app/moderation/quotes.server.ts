import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import type { StaffSession } from "../accounts/session.server";
import { getSettings } from "../settings.server";
import { formatCode } from "../surveys/codes";

export type QuoteFailure = "notFound" | "noConsent" | "flagged" | "unknownTheme" | "alreadyApproved" | "sameSide";

export class QuoteError extends Error {
  constructor(readonly reason: QuoteFailure) {
    super(reason);
  }
}

type Staff = StaffSession["user"];

/** The free-text answer a quote is made from; refuses answers without consent and flagged responses. */
export async function quotableAnswer(db: Kysely<Database>, answerId: number) {
  const answer = await db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select(["a.id", "a.text", "a.translation", "a.response_id", "a.question_id", "r.reference", "r.lang", "r.quote_consent", "r.flagged"])
    .where("a.id", "=", answerId)
    .where("q.kind", "=", "free_text")
    .executeTakeFirst();
  if (!answer || answer.text === null) throw new QuoteError("notFound");
  if (answer.flagged) throw new QuoteError("flagged");
  if (!answer.quote_consent) throw new QuoteError("noConsent");
  return { ...answer, text: answer.text, reference: formatCode(answer.reference) };
}

/** The themes moderators gave the response an answer came from: a quote made from it starts with them. */
export async function responseThemeIds(db: Kysely<Database>, responseId: number) {
  const rows = await db
    .selectFrom("response_themes as rt")
    .innerJoin("themes as th", "th.id", "rt.theme_id")
    .select("rt.theme_id")
    .where("rt.response_id", "=", responseId)
    .where("th.retired_at", "is", null)
    .orderBy("rt.theme_id")
    .execute();
  return rows.map((row) => row.theme_id);
}

async function requireActiveThemes(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return;
  const found = await db.selectFrom("themes").select("id").where("id", "in", ids).where("retired_at", "is", null).execute();
  if (found.length !== new Set(ids).size) throw new QuoteError("unknownTheme");
}

/** Approved once two different people have approved; with "council_and_pcf", one from each side. */
async function settleApproval(db: Kysely<Database>, quoteId: number, now: Date) {
  const approvals = await db.selectFrom("quote_approvals").select(["user_id", "organisation"]).where("quote_id", "=", quoteId).execute();
  const { quote_approval: rule } = await getSettings(db as DB);
  const sides = new Set(approvals.map((approval) => approval.organisation));
  const enough = approvals.length >= 2 && (rule !== "council_and_pcf" || (sides.has("council") && sides.has("pcf")));
  await db
    .updateTable("quotes")
    .set({ approved_at: enough ? now.toISOString() : null })
    .where("id", "=", quoteId)
    .execute();
  return enough;
}

export interface QuoteInput {
  text: string;
  themeIds: number[];
  /** An English translation, published beside a quote in another language. */
  translation?: string | null;
}

/** Makes a quote; its maker's approval is the first of the two it needs. */
export async function createQuote(db: DB, answerId: number, input: QuoteInput, user: Staff, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const answer = await quotableAnswer(trx, answerId);
    await requireActiveThemes(trx, input.themeIds);
    const { id } = await trx
      .insertInto("quotes")
      .values({
        answer_id: answer.id,
        response_id: answer.response_id,
        text: input.text,
        translation: input.translation ?? null,
        lang: answer.lang,
        created_by: user.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.themeIds.length)
      await trx
        .insertInto("quote_themes")
        .values([...new Set(input.themeIds)].map((theme_id) => ({ quote_id: id, theme_id })))
        .execute();
    await trx
      .insertInto("quote_approvals")
      .values({ quote_id: id, user_id: user.id, organisation: user.organisation, approved_at: now.toISOString() })
      .execute();
    // The words stay out of the log (they come from an answer); their length shows that they changed.
    await audit(
      trx,
      {
        userId: user.id,
        action: "quote.create",
        entity: "quote",
        entityId: id,
        after: { answer: answer.id, themes: input.themeIds, length: input.text.length },
      },
      now,
    );
    await settleApproval(trx, id, now);
    return id;
  });
}

/** Changing the words or themes starts approval again, with the editor's own approval. */
export async function editQuote(db: DB, quoteId: number, input: QuoteInput, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const quote = await trx.selectFrom("quotes").select(["answer_id", "text"]).where("id", "=", quoteId).executeTakeFirst();
    if (!quote) throw new QuoteError("notFound");
    await quotableAnswer(trx, quote.answer_id);
    await requireActiveThemes(trx, input.themeIds);
    const themesBefore = (await trx.selectFrom("quote_themes").select("theme_id").where("quote_id", "=", quoteId).execute()).map((row) => row.theme_id);
    await trx
      .updateTable("quotes")
      .set({ text: input.text, translation: input.translation ?? null, updated_at: now.toISOString(), approved_at: null })
      .where("id", "=", quoteId)
      .execute();
    await trx.deleteFrom("quote_themes").where("quote_id", "=", quoteId).execute();
    if (input.themeIds.length)
      await trx
        .insertInto("quote_themes")
        .values([...new Set(input.themeIds)].map((theme_id) => ({ quote_id: quoteId, theme_id })))
        .execute();
    await trx.deleteFrom("quote_approvals").where("quote_id", "=", quoteId).execute();
    await trx
      .insertInto("quote_approvals")
      .values({ quote_id: quoteId, user_id: user.id, organisation: user.organisation, approved_at: now.toISOString() })
      .execute();
    await audit(
      trx,
      {
        userId: user.id,
        action: "quote.edit",
        entity: "quote",
        entityId: quoteId,
        before: { themes: themesBefore, length: quote.text.length },
        after: { themes: input.themeIds, length: input.text.length },
      },
      now,
    );
    await settleApproval(trx, quoteId, now);
  });
}

export async function approveQuote(db: DB, quoteId: number, user: Staff, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const quote = await trx.selectFrom("quotes").select(["answer_id"]).where("id", "=", quoteId).executeTakeFirst();
    if (!quote) throw new QuoteError("notFound");
    await quotableAnswer(trx, quote.answer_id);
    const approvals = await trx.selectFrom("quote_approvals").select(["user_id", "organisation"]).where("quote_id", "=", quoteId).execute();
    if (approvals.some((approval) => approval.user_id === user.id)) throw new QuoteError("alreadyApproved");
    const { quote_approval: rule } = await getSettings(trx as DB);
    if (rule === "council_and_pcf" && approvals.every((approval) => approval.organisation === user.organisation)) throw new QuoteError("sameSide");
    await trx
      .insertInto("quote_approvals")
      .values({ quote_id: quoteId, user_id: user.id, organisation: user.organisation, approved_at: now.toISOString() })
      .execute();
    await audit(trx, { userId: user.id, action: "quote.approve", entity: "quote", entityId: quoteId }, now);
    return settleApproval(trx, quoteId, now);
  });
}

export async function quoteDetail(db: DB, quoteId: number) {
  const quote = await db
    .selectFrom("quotes as q")
    .innerJoin("answers as a", "a.id", "q.answer_id")
    .innerJoin("responses as r", "r.id", "q.response_id")
    .innerJoin("users as u", "u.id", "q.created_by")
    .select([
      "q.id",
      "q.text",
      "q.translation",
      "q.lang",
      "q.approved_at",
      "q.created_at",
      "q.answer_id",
      "a.text as original",
      "r.reference",
      "r.flagged",
      "r.quote_consent",
      "u.name as created_by",
    ])
    .where("q.id", "=", quoteId)
    .executeTakeFirst();
  if (!quote) return undefined;
  const [themes, approvals] = await Promise.all([
    db.selectFrom("quote_themes").select("theme_id").where("quote_id", "=", quoteId).execute(),
    db
      .selectFrom("quote_approvals as qa")
      .innerJoin("users as u", "u.id", "qa.user_id")
      .select(["qa.user_id", "qa.organisation", "qa.approved_at", "u.name"])
      .where("qa.quote_id", "=", quoteId)
      .orderBy("qa.approved_at")
      .execute(),
  ]);
  return { ...quote, reference: formatCode(quote.reference), themeIds: themes.map((theme) => theme.theme_id), approvals };
}

/** Quotes from responses still in the queue (flagged ones vanish), waiting ones first. */
export async function listQuotes(db: DB) {
  return db
    .selectFrom("quotes as q")
    .innerJoin("responses as r", "r.id", "q.response_id")
    .innerJoin("users as u", "u.id", "q.created_by")
    .select((eb) => [
      "q.id",
      "q.text",
      "q.approved_at",
      "q.updated_at",
      "u.name as created_by",
      eb
        .selectFrom("quote_approvals as qa")
        .select((ab) => ab.fn.countAll<number>().as("n"))
        .whereRef("qa.quote_id", "=", "q.id")
        .as("approvals"),
    ])
    .where("r.flagged", "=", 0)
    .where("r.quote_consent", "=", 1)
    .orderBy((eb) => eb("q.approved_at", "is not", null))
    .orderBy("q.updated_at", "desc")
    .execute();
}

/**
 * An approved quote's new words, approved by a second person (publishing/revisions.server.ts): the
 * change is made and the quote stays approved by exactly those two people, so the public moves
 * from one approved version to the next.
 */
export async function applyApprovedQuoteEdit(db: DB, quoteId: number, input: QuoteInput, proposedBy: number, approver: Staff, now = new Date()) {
  const proposer = await db.selectFrom("users").select(["id", "name", "email", "role", "organisation"]).where("id", "=", proposedBy).executeTakeFirstOrThrow();
  await editQuote(db, quoteId, input, proposer, now);
  await approveQuote(db, quoteId, approver, now);
}

export async function isApprovedQuote(db: DB, quoteId: number): Promise<boolean> {
  const row = await db.selectFrom("quotes").select("approved_at").where("id", "=", quoteId).executeTakeFirst();
  return Boolean(row?.approved_at);
}
