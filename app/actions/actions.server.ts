import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { ActionStatus, Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { localText } from "../translations/local-text";
import { forgetChangedActionTranslations, saveActionTranslation } from "../translations/action-translations.server";
import type { Translation } from "../translations/translation";
import { translatedLanguageOf } from "../translations/languages";
import type { ActionInput } from "./action-form";
import { periodTakesNew } from "./periods.server";

export type ActionFailure = "notFound" | "changedElsewhere" | "unknownTheme" | "periodClosed";

export class ActionError extends Error {
  constructor(
    readonly reason: ActionFailure,
    /** The form field the message belongs at, where it is not the themes. */
    readonly field?: string,
  ) {
    super(reason);
  }
}

/** Nothing new goes into a closed period: an action may stay in one, but not move into one. */
async function requireOpenPeriod(db: Kysely<Database>, period: number | undefined, current: number | null = null) {
  if (period !== undefined && period !== current && !(await periodTakesNew(db, period))) throw new ActionError("periodClosed", "period");
}

async function requireThemes(db: Kysely<Database>, ids: number[]) {
  const found = await db.selectFrom("themes").select("id").where("id", "in", ids).where("retired_at", "is", null).execute();
  if (found.length !== new Set(ids).size) throw new ActionError("unknownTheme");
}

async function saveLinks(db: Kysely<Database>, actionId: number, input: ActionInput) {
  await db.deleteFrom("action_themes").where("action_id", "=", actionId).execute();
  await db
    .insertInto("action_themes")
    .values([...new Set(input.theme)].map((theme_id) => ({ action_id: actionId, theme_id })))
    .execute();
  await db.deleteFrom("action_surveys").where("action_id", "=", actionId).execute();
  if (input.survey.length) {
    await db
      .insertInto("action_surveys")
      .values([...new Set(input.survey)].map((survey_id) => ({ action_id: actionId, survey_id })))
      .execute();
  }
}

const summary = (input: ActionInput) => ({
  title: input.title,
  owner: input.owner,
  partner: input.partner,
  due_on: input.due_on,
  themes: input.theme,
  surveys: input.survey,
  period: input.period ?? null,
});

export async function createAction(db: DB, input: ActionInput, userId: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    await requireThemes(trx, input.theme);
    await requireOpenPeriod(trx, input.period);
    const stamp = now.toISOString();
    const { id } = await trx
      .insertInto("actions")
      .values({
        owner: input.owner,
        partner: input.partner,
        due_on: input.due_on,
        period_id: input.period ?? null,
        created_by: userId,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("action_texts")
      .values({ action_id: id, lang: fallbackLanguage, title: input.title, description: input.description, measure: input.measure })
      .execute();
    await saveLinks(trx, id, input);
    await trx
      .insertInto("action_status_history")
      .values({ action_id: id, from_status: null, to_status: "planned", changed_by: userId, changed_at: stamp })
      .execute();
    await audit(trx, { userId, action: "action.create", entity: "action", entityId: id, after: summary(input) }, now);
    return id;
  });
}

/** Saves new details, unless someone else saved since this person loaded the page. */
export async function updateAction(db: DB, id: number, input: ActionInput, version: number, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const before = await actionRow(trx, id);
    const claimed = await trx
      .updateTable("actions")
      .set({
        owner: input.owner,
        partner: input.partner,
        due_on: input.due_on,
        period_id: input.period ?? null,
        updated_at: now.toISOString(),
        version: version + 1,
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new ActionError("changedElsewhere");
    await requireThemes(trx, input.theme);
    await requireOpenPeriod(trx, input.period, before.period_id);
    const words = { title: input.title, description: input.description, measure: input.measure };
    await forgetChangedActionTranslations(trx, id, await englishWords(trx, id), words);
    await trx.updateTable("action_texts").set(words).where("action_id", "=", id).where("lang", "=", fallbackLanguage).execute();
    await saveLinks(trx, id, input);
    await audit(trx, { userId, action: "action.update", entity: "action", entityId: id, before, after: summary(input) }, now);
  });
}

/** The English words of an action, which every translation follows. */
async function englishWords(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("action_texts")
    .select(["title", "description", "measure", "status_reason", "impact"])
    .where("action_id", "=", id)
    .where("lang", "=", fallbackLanguage)
    .executeTakeFirstOrThrow();
}

async function actionRow(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom("actions as a")
    .innerJoin("action_texts as t", (join) => join.onRef("t.action_id", "=", "a.id").on("t.lang", "=", fallbackLanguage))
    .select(["a.owner", "a.partner", "a.due_on", "a.status", "a.period_id", "t.title"])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new ActionError("notFound");
  return row;
}

export interface StatusChange {
  status: ActionStatus;
  reason?: string;
  impact?: string;
  version: number;
}

/** Moves an action to a new status, keeping the history: every change is a row of its own. */
export async function changeStatus(db: DB, id: number, change: StatusChange, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const before = await actionRow(trx, id);
    const claimed = await trx
      .updateTable("actions")
      .set({ status: change.status, updated_at: now.toISOString(), version: change.version + 1 })
      .where("id", "=", id)
      .where("version", "=", change.version)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new ActionError("changedElsewhere");
    const words = {
      status_reason: change.status === "not_possible" ? (change.reason ?? null) : null,
      impact: change.status === "done" ? change.impact || null : null,
    };
    await forgetChangedActionTranslations(trx, id, await englishWords(trx, id), words);
    await trx.updateTable("action_texts").set(words).where("action_id", "=", id).where("lang", "=", fallbackLanguage).execute();
    await trx
      .insertInto("action_status_history")
      .values({
        action_id: id,
        from_status: before.status,
        to_status: change.status,
        reason: change.reason || null,
        changed_by: userId,
        changed_at: now.toISOString(),
      })
      .execute();
    await audit(
      trx,
      { userId, action: "action.status", entity: "action", entityId: id, before: { status: before.status }, after: { status: change.status } },
      now,
    );
  });
}

export async function addUpdate(db: DB, id: number, update: { body: string; updateOn: string }, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    await actionRow(trx, id);
    const { id: updateId } = await trx
      .insertInto("action_updates")
      .values({ action_id: id, lang: fallbackLanguage, body: update.body, update_on: update.updateOn, created_by: userId, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("actions")
      .set((eb) => ({ updated_at: now.toISOString(), version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await audit(trx, { userId, action: "action.progress", entity: "action", entityId: id, after: { update: updateId, on: update.updateOn } }, now);
  });
}

export interface ActionFilters {
  status?: ActionStatus;
  theme?: number;
}

export async function listActions(db: DB, lang: string, filters: ActionFilters = {}) {
  let query = db.selectFrom("actions as a").select(["a.id", "a.owner", "a.partner", "a.due_on", "a.status", "a.updated_at"]);
  if (filters.status) query = query.where("a.status", "=", filters.status);
  if (filters.theme) {
    const theme = filters.theme;
    query = query.where("a.id", "in", (eb) => eb.selectFrom("action_themes").select("action_id").where("theme_id", "=", theme));
  }
  const actions = await query.orderBy("a.due_on").orderBy("a.id").execute();
  const titles = await actionTitles(
    db,
    actions.map((action) => action.id),
    lang,
  );
  return actions.map((action) => {
    const title = titles.get(action.id);
    return { ...action, title: title?.text ?? "", lang: title?.lang ?? fallbackLanguage };
  });
}

/** Each action's title in `lang`, or in English where it has no translation, with the language it is in. */
export async function actionTitles(db: DB, actionIds: number[], lang: string): Promise<Map<number, { text: string; lang: string }>> {
  if (actionIds.length === 0) return new Map();
  const texts = await db
    .selectFrom("action_texts")
    .select(["action_id", "lang", "title"])
    .where("action_id", "in", actionIds)
    .where("lang", "in", [lang, fallbackLanguage])
    .execute();
  return new Map(
    actionIds.flatMap((id) => {
      const title = localText(
        texts.filter((row) => row.action_id === id),
        lang,
        (row) => row.title,
      );
      return title ? [[id, title] as const] : [];
    }),
  );
}

/** An action as staff manage it: in English, the words they write; translations have pages of their own. */
export async function actionDetail(db: DB, id: number) {
  const action = await db
    .selectFrom("actions")
    .select(["id", "owner", "partner", "due_on", "status", "period_id", "version", "created_at", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!action) return undefined;
  const [texts, themes, surveys, updates, history] = await Promise.all([
    englishWords(db, id),
    db.selectFrom("action_themes").select("theme_id").where("action_id", "=", id).execute(),
    db.selectFrom("action_surveys").select("survey_id").where("action_id", "=", id).execute(),
    db
      .selectFrom("action_updates as u")
      .innerJoin("users as usr", "usr.id", "u.created_by")
      .select(["u.id", "u.body", "u.update_on", "u.lang", "usr.name"])
      .where("u.action_id", "=", id)
      .orderBy("u.update_on", "desc")
      .orderBy("u.id", "desc")
      .execute(),
    db
      .selectFrom("action_status_history as h")
      .innerJoin("users as usr", "usr.id", "h.changed_by")
      .select(["h.id", "h.from_status", "h.to_status", "h.reason", "h.changed_at", "usr.name"])
      .where("h.action_id", "=", id)
      .orderBy("h.id", "desc")
      .execute(),
  ]);
  return {
    ...action,
    title: texts.title,
    description: texts.description,
    measure: texts.measure,
    statusReason: texts.status_reason,
    impact: texts.impact,
    themeIds: themes.map((row) => row.theme_id),
    surveyIds: surveys.map((row) => row.survey_id),
    updates,
    history,
  };
}

/** Applies an approved change to a published action (see publishing/revisions.server.ts). */
export async function applyActionChange(db: DB, id: number, kind: string, change: unknown, userId: number) {
  const { version } = await db.selectFrom("actions").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  if (kind === "details") await updateAction(db, id, change as ActionInput, version, userId);
  else if (kind === "status") await changeStatus(db, id, { ...(change as StatusChange), version }, userId);
  else if (kind === "update") await addUpdate(db, id, change as { body: string; updateOn: string }, userId);
  else if (translatedLanguageOf(kind)) await saveActionTranslation(db, id, change as Translation, userId);
  else throw new ActionError("notFound");
}
