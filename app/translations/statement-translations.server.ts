import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { SUMMARY_MAX } from "../publishing/statement-form";
import { progressOf, type LanguageProgress } from "./languages";
import { isWritten } from "./local-text";
import type { SourceText, Translation } from "./translation";

/** A statement's summary to translate: English beside the words in `lang` so far. Undefined when there is no statement. */
export async function statementSourceTexts(db: DB, id: number, lang: string): Promise<SourceText[] | undefined> {
  const rows = await db
    .selectFrom("statement_texts")
    .select(["lang", "summary"])
    .where("statement_id", "=", id)
    .where("lang", "in", [fallbackLanguage, lang])
    .execute();
  const english = rows.find((row) => row.lang === fallbackLanguage);
  if (!english) return undefined;
  const current = rows.find((row) => row.lang === lang && row.lang !== fallbackLanguage)?.summary ?? "";
  return [{ name: "summary", field: "summary", english: english.summary, current, max: SUMMARY_MAX, tooLong: "summaryTooLong" }];
}

/** What the translate page names, in English like the words beside it: the statement's theme and period. */
export async function statementHeading(db: DB, id: number) {
  const row = await db
    .selectFrom("statements as s")
    .innerJoin("theme_translations as th", (join) => join.onRef("th.theme_id", "=", "s.theme_id").on("th.lang", "=", fallbackLanguage))
    .innerJoin("period_translations as pe", (join) => join.onRef("pe.period_id", "=", "s.period_id").on("pe.lang", "=", fallbackLanguage))
    .select(["th.name as theme", "pe.name as period"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  return row ? `${row.theme}, ${row.period}` : "";
}

/** Saves a language's summary, or removes it when blank. Drafts save here directly; published statements once a second person approves. */
export async function saveStatementTranslation(db: DB, id: number, translation: Translation, userId: number, now = new Date()) {
  const summary = (translation.texts.summary ?? "").trim();
  await db.transaction().execute(async (trx) => {
    if (summary) {
      await trx
        .insertInto("statement_texts")
        .values({ statement_id: id, lang: translation.lang, summary })
        .onConflict((oc) => oc.columns(["statement_id", "lang"]).doUpdateSet({ summary }))
        .execute();
    } else {
      await trx.deleteFrom("statement_texts").where("statement_id", "=", id).where("lang", "=", translation.lang).execute();
    }
    await audit(
      trx,
      { userId, action: "statement.translate", entity: "statement", entityId: id, after: { lang: translation.lang, translated: summary ? ["summary"] : [] } },
      now,
    );
  });
}

/**
 * After the English summary changed: its translations say what it used to say, so they go, and
 * readers get the new English until someone translates it again.
 */
export async function forgetStatementTranslations(trx: Kysely<Database>, id: number) {
  await trx.deleteFrom("statement_texts").where("statement_id", "=", id).where("lang", "!=", fallbackLanguage).execute();
}

/** Each statement's progress in every translation language. */
export async function statementTranslationProgress(db: DB, ids: number[]): Promise<Map<number, LanguageProgress[]>> {
  const rows = ids.length
    ? await db
        .selectFrom("statement_texts")
        .select(["statement_id", "lang", "summary"])
        .where("statement_id", "in", ids)
        .where("lang", "!=", fallbackLanguage)
        .execute()
    : [];
  return new Map(
    ids.map((id) => [id, progressOf([{ langs: rows.filter((row) => row.statement_id === id && isWritten(row.summary)).map((row) => row.lang) }])]),
  );
}
