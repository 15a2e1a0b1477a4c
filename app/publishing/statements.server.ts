import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { periodTakesNew } from "../actions/periods.server";
import { translatedLanguageOf } from "../translations/languages";
import { forgetStatementTranslations, saveStatementTranslation } from "../translations/statement-translations.server";
import type { Translation } from "../translations/translation";

export type StatementFailure = "notFound" | "changedElsewhere" | "quoteNotApproved" | "exists" | "periodClosed";

export class StatementError extends Error {
  constructor(readonly reason: StatementFailure) {
    super(reason);
  }
}

/** Approved quotes linked to a theme that may be shown with its "You said" summary. */
export async function quotesForTheme(db: DB, themeId: number) {
  return db
    .selectFrom("quotes as q")
    .innerJoin("quote_themes as qt", "qt.quote_id", "q.id")
    .innerJoin("responses as r", "r.id", "q.response_id")
    .select(["q.id", "q.text", "q.lang"])
    .where("qt.theme_id", "=", themeId)
    .where("q.approved_at", "is not", null)
    .where("r.flagged", "=", 0)
    .where("r.quote_consent", "=", 1)
    .orderBy("q.id")
    .execute();
}

async function checkQuotes(db: DB, themeId: number, quoteIds: number[]) {
  const allowed = new Set((await quotesForTheme(db, themeId)).map((quote) => quote.id));
  if (quoteIds.some((id) => !allowed.has(id))) throw new StatementError("quoteNotApproved");
}

export interface StatementInput {
  summary: string;
  quoteIds: number[];
}

export async function createStatement(db: DB, themeId: number, periodId: number, input: StatementInput, userId: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("statements").select("id").where("theme_id", "=", themeId).where("period_id", "=", periodId).executeTakeFirst()) {
      throw new StatementError("exists");
    }
    if (!(await periodTakesNew(trx, periodId))) throw new StatementError("periodClosed");
    await checkQuotes(trx, themeId, input.quoteIds);
    const { id } = await trx
      .insertInto("statements")
      .values({ theme_id: themeId, period_id: periodId, created_by: userId, created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("statement_texts").values({ statement_id: id, lang: fallbackLanguage, summary: input.summary }).execute();
    if (input.quoteIds.length)
      await trx
        .insertInto("statement_quotes")
        .values(input.quoteIds.map((quote_id) => ({ statement_id: id, quote_id })))
        .execute();
    await audit(
      trx,
      {
        userId,
        action: "statement.create",
        entity: "statement",
        entityId: id,
        after: { theme: themeId, period: periodId, summary: input.summary, quotes: input.quoteIds },
      },
      now,
    );
    return id;
  });
}

export async function updateStatement(db: DB, id: number, input: StatementInput, version: number, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("statements").select(["theme_id"]).where("id", "=", id).executeTakeFirst();
    if (!current) throw new StatementError("notFound");
    const claimed = await trx
      .updateTable("statements")
      .set({ version: version + 1, updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new StatementError("changedElsewhere");
    await checkQuotes(trx, current.theme_id, input.quoteIds);
    const before = await trx
      .selectFrom("statement_texts")
      .select("summary")
      .where("statement_id", "=", id)
      .where("lang", "=", fallbackLanguage)
      .executeTakeFirst();
    if (before?.summary !== input.summary) await forgetStatementTranslations(trx, id);
    await trx.updateTable("statement_texts").set({ summary: input.summary }).where("statement_id", "=", id).where("lang", "=", fallbackLanguage).execute();
    await trx.deleteFrom("statement_quotes").where("statement_id", "=", id).execute();
    if (input.quoteIds.length)
      await trx
        .insertInto("statement_quotes")
        .values(input.quoteIds.map((quote_id) => ({ statement_id: id, quote_id })))
        .execute();
    await audit(
      trx,
      {
        userId,
        action: "statement.update",
        entity: "statement",
        entityId: id,
        before: { summary: before?.summary },
        after: { summary: input.summary, quotes: input.quoteIds },
      },
      now,
    );
  });
}

/** Applies an approved change to a published statement (see revisions.server.ts): new words, or a translation. */
export async function applyStatementChange(db: DB, id: number, kind: string, change: unknown, userId: number) {
  if (translatedLanguageOf(kind)) return saveStatementTranslation(db, id, change as Translation, userId);
  const { version } = await db.selectFrom("statements").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  await updateStatement(db, id, change as StatementInput, version, userId);
}

/** A statement as staff manage it: in English, the words they write; translations have pages of their own. */
export async function statementDetail(db: DB, id: number) {
  const statement = await db
    .selectFrom("statements as s")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .select(["s.id", "s.theme_id", "s.period_id", "s.version", "p.starts_on", "p.ends_on"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!statement) return undefined;
  const [text, quotes] = await Promise.all([
    db.selectFrom("statement_texts").select("summary").where("statement_id", "=", id).where("lang", "=", fallbackLanguage).executeTakeFirst(),
    db.selectFrom("statement_quotes").select("quote_id").where("statement_id", "=", id).execute(),
  ]);
  return { ...statement, summary: text?.summary ?? "", quoteIds: quotes.map((row) => row.quote_id) };
}

export async function listStatements(db: DB, periodId: number) {
  const rows = await db
    .selectFrom("statements as s")
    .leftJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "s.id").on("p.entity", "=", "statement"))
    .select(["s.id", "s.theme_id", "p.published_at", "p.requested_at"])
    .where("s.period_id", "=", periodId)
    .execute();
  return rows;
}
