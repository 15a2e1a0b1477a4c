import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { actionLimits } from "../actions/action-form";
import { fallbackLanguage } from "../i18n/config";
import { progressOf, type LanguageProgress } from "./languages";
import { isWritten } from "./local-text";
import type { SourceText, Translation } from "./translation";

/** An action's own texts, in the order the translate page shows them. Reason and impact exist only with their status. */
const fields = ["title", "description", "measure", "status_reason", "impact"] as const;
type Field = (typeof fields)[number];
type Texts = Record<Field, string | null>;

const tooLong: Record<Field, string> = {
  title: "titleTooLong",
  description: "descriptionTooLong",
  measure: "measureTooLong",
  status_reason: "reasonTooLong",
  impact: "impactTooLong",
};
const updateName = (id: number) => `update-${id}`;

async function englishTexts(db: Kysely<Database>, id: number): Promise<Texts | undefined> {
  return db.selectFrom("action_texts").select(fields).where("action_id", "=", id).where("lang", "=", fallbackLanguage).executeTakeFirst();
}

/** Progress updates are written in English; these are the ones to translate, newest first as staff read them. */
async function englishUpdates(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("action_updates")
    .select(["id", "action_id", "body", "update_on"])
    .where("action_id", "in", ids)
    .where("lang", "=", fallbackLanguage)
    .orderBy("update_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** An action's texts and updates to translate: English beside the words in `lang` so far. Undefined when there is no action. */
export async function actionSourceTexts(db: DB, id: number, lang: string): Promise<SourceText[] | undefined> {
  const english = await englishTexts(db, id);
  if (!english) return undefined;
  const [current, updates] = await Promise.all([
    db.selectFrom("action_texts").select(fields).where("action_id", "=", id).where("lang", "=", lang).where("lang", "!=", fallbackLanguage).executeTakeFirst(),
    englishUpdates(db, [id]),
  ]);
  const translated = updates.length
    ? await db
        .selectFrom("action_update_texts")
        .select(["update_id", "body"])
        .where(
          "update_id",
          "in",
          updates.map((u) => u.id),
        )
        .where("lang", "=", lang)
        .execute()
    : [];
  return [
    ...fields
      .filter((field) => isWritten(english[field]))
      .map((field): SourceText => ({
        name: field,
        field,
        english: english[field] ?? "",
        current: current?.[field] ?? "",
        max: actionLimits[field],
        tooLong: tooLong[field],
      })),
    ...updates.map((update): SourceText => ({
      name: updateName(update.id),
      field: "update",
      english: update.body,
      current: translated.find((row) => row.update_id === update.id)?.body ?? "",
      max: actionLimits.update,
      tooLong: "bodyTooLong",
      on: update.update_on,
    })),
  ];
}

/**
 * Saves a language's words for an action and its updates; a blank box removes that translation.
 * Only texts the English still has are kept (a reason goes when the status moves on). Drafts save
 * here directly; published actions once a second person approves.
 */
export async function saveActionTranslation(db: DB, id: number, translation: Translation, userId: number, now = new Date()) {
  const { lang } = translation;
  const said = (name: string) => (translation.texts[name] ?? "").trim();
  await db.transaction().execute(async (trx) => {
    const english = await englishTexts(trx, id);
    if (!english) return;
    const own = Object.fromEntries(fields.map((field) => [field, isWritten(english[field]) ? said(field) : ""])) as Record<Field, string>;
    if (fields.some((field) => own[field])) {
      // In a translation a blank title, description or measure is not translated yet (see ActionTextTable).
      const row = {
        title: own.title,
        description: own.description,
        measure: own.measure,
        status_reason: own.status_reason || null,
        impact: own.impact || null,
      };
      await trx
        .insertInto("action_texts")
        .values({ action_id: id, lang, ...row })
        .onConflict((oc) => oc.columns(["action_id", "lang"]).doUpdateSet(row))
        .execute();
    } else {
      await trx.deleteFrom("action_texts").where("action_id", "=", id).where("lang", "=", lang).execute();
    }
    const updates = await englishUpdates(trx, [id]);
    for (const update of updates) {
      const body = said(updateName(update.id));
      if (body) {
        await trx
          .insertInto("action_update_texts")
          .values({ update_id: update.id, lang, body })
          .onConflict((oc) => oc.columns(["update_id", "lang"]).doUpdateSet({ body }))
          .execute();
      } else {
        await trx.deleteFrom("action_update_texts").where("update_id", "=", update.id).where("lang", "=", lang).execute();
      }
    }
    const translated = [
      ...fields.filter((field) => own[field]),
      ...updates.filter((update) => said(updateName(update.id))).map((update) => updateName(update.id)),
    ];
    await audit(trx, { userId, action: "action.translate", entity: "action", entityId: id, after: { lang, translated } }, now);
  });
}

/**
 * After an action's English changed: translations of the fields that changed say what they used to
 * say, so they go, and readers get the new English until someone translates them again.
 */
export async function forgetChangedActionTranslations(trx: Kysely<Database>, id: number, before: Partial<Texts>, after: Partial<Texts>) {
  const changed = fields.filter((field) => field in after && (before[field] ?? null) !== (after[field] ?? null));
  if (changed.length === 0) return;
  const blank = Object.fromEntries(changed.map((field) => [field, field === "status_reason" || field === "impact" ? null : ""]));
  await trx.updateTable("action_texts").set(blank).where("action_id", "=", id).where("lang", "!=", fallbackLanguage).execute();
  // A translation with nothing left in it is no translation.
  await trx
    .deleteFrom("action_texts")
    .where("action_id", "=", id)
    .where("lang", "!=", fallbackLanguage)
    .where("title", "=", "")
    .where("description", "=", "")
    .where("measure", "=", "")
    .where("status_reason", "is", null)
    .where("impact", "is", null)
    .execute();
}

/** Each action's progress in every translation language: its own texts and every progress update. */
export async function actionTranslationProgress(db: DB, ids: number[]): Promise<Map<number, LanguageProgress[]>> {
  if (ids.length === 0) return new Map();
  const [texts, updates] = await Promise.all([
    db
      .selectFrom("action_texts")
      .select(["action_id", "lang", ...fields])
      .where("action_id", "in", ids)
      .execute(),
    englishUpdates(db, ids),
  ]);
  const updateTexts = updates.length
    ? await db
        .selectFrom("action_update_texts")
        .select(["update_id", "lang", "body"])
        .where(
          "update_id",
          "in",
          updates.map((u) => u.id),
        )
        .execute()
    : [];
  return new Map(
    ids.map((id) => {
      const rows = texts.filter((row) => row.action_id === id);
      const english = rows.find((row) => row.lang === fallbackLanguage);
      const own = fields
        .filter((field) => isWritten(english?.[field]))
        .map((field) => ({ langs: rows.filter((row) => row.lang !== fallbackLanguage && isWritten(row[field])).map((row) => row.lang) }));
      const progress = updates
        .filter((update) => update.action_id === id)
        .map((update) => ({ langs: updateTexts.filter((row) => row.update_id === update.id && isWritten(row.body)).map((row) => row.lang) }));
      return [id, progressOf([...own, ...progress])];
    }),
  );
}

/** Progress updates' words in `lang`, for the public pages. */
export async function updateTranslationsIn(db: DB, updateIds: number[], lang: string) {
  if (updateIds.length === 0 || lang === fallbackLanguage) return [];
  return db.selectFrom("action_update_texts").select(["update_id", "lang", "body"]).where("update_id", "in", updateIds).where("lang", "=", lang).execute();
}
