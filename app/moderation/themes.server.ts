import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";

export type ThemeFailure = "slugTaken" | "notFound" | "inUse" | "sameTheme" | "retiredTarget";

export class ThemeError extends Error {
  constructor(readonly reason: ThemeFailure) {
    super(reason);
  }
}

export interface ThemeText {
  lang: string;
  name: string;
  description: string | null;
}

/** Every theme with its text in each language and how often it is used. */
export async function themesForAdmin(db: DB, lang: string) {
  const themes = await db
    .selectFrom("themes as th")
    .select((eb) => [
      "th.id",
      "th.slug",
      "th.retired_at",
      "th.merged_into",
      eb
        .selectFrom("response_themes as rt")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("rt.theme_id", "=", "th.id")
        .as("responses"),
      eb
        .selectFrom("questions as q")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("q.theme_id", "=", "th.id")
        .as("questions"),
      eb
        .selectFrom("quote_themes as qt")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("qt.theme_id", "=", "th.id")
        .as("quotes"),
    ])
    .orderBy("th.retired_at", (ob) => ob.asc().nullsFirst())
    .orderBy("th.id")
    .execute();
  const texts = await db.selectFrom("theme_translations").select(["theme_id", "lang", "name", "description"]).execute();
  return themes.map((theme) => {
    const own = texts.filter((text) => text.theme_id === theme.id);
    const shown = own.find((text) => text.lang === lang) ?? own.find((text) => text.lang === fallbackLanguage);
    return {
      ...theme,
      name: shown?.name ?? theme.slug,
      texts: own.map(({ lang: l, name, description }) => ({ lang: l, name, description })),
      uses: Number(theme.responses) + Number(theme.questions) + Number(theme.quotes),
    };
  });
}

async function saveTexts(db: DB, themeId: number, texts: ThemeText[]) {
  for (const text of texts) {
    await db
      .insertInto("theme_translations")
      .values({ theme_id: themeId, lang: text.lang, name: text.name, description: text.description })
      .onConflict((oc) => oc.columns(["theme_id", "lang"]).doUpdateSet({ name: text.name, description: text.description }))
      .execute();
  }
}

export async function createTheme(db: DB, slug: string, texts: ThemeText[], userId: number) {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirst()) throw new ThemeError("slugTaken");
    const { id } = await trx.insertInto("themes").values({ slug }).returning("id").executeTakeFirstOrThrow();
    await saveTexts(trx, id, texts);
    await audit(trx, { userId, action: "theme.create", entity: "theme", entityId: id, after: { slug, texts } });
    return id;
  });
}

/** Renames and re-describes a theme, in any language. */
export async function updateThemeTexts(db: DB, themeId: number, texts: ThemeText[], userId: number) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("theme_translations").select(["lang", "name", "description"]).where("theme_id", "=", themeId).execute();
    if (before.length === 0) throw new ThemeError("notFound");
    await saveTexts(trx, themeId, texts);
    await audit(trx, { userId, action: "theme.update", entity: "theme", entityId: themeId, before: { texts: before }, after: { texts } });
  });
}

export async function setRetired(db: DB, themeId: number, retired: boolean, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const theme = await trx.selectFrom("themes").select(["retired_at", "merged_into"]).where("id", "=", themeId).executeTakeFirst();
    if (!theme || theme.merged_into) throw new ThemeError("notFound");
    await trx
      .updateTable("themes")
      .set({ retired_at: retired ? (theme.retired_at ?? now.toISOString()) : null })
      .where("id", "=", themeId)
      .execute();
    await audit(trx, { userId, action: retired ? "theme.retire" : "theme.restore", entity: "theme", entityId: themeId }, now);
  });
}

/** Only a theme nothing has used may be deleted; one in use can only be retired. */
export async function deleteTheme(db: DB, themeId: number, userId: number) {
  await db.transaction().execute(async (trx) => {
    const [used] = await themesUse(trx, themeId);
    if (used > 0) throw new ThemeError("inUse");
    const texts = await trx.selectFrom("theme_translations").select(["lang", "name"]).where("theme_id", "=", themeId).execute();
    await trx.deleteFrom("theme_translations").where("theme_id", "=", themeId).execute();
    const deleted = await trx.deleteFrom("themes").where("id", "=", themeId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new ThemeError("notFound");
    await audit(trx, { userId, action: "theme.delete", entity: "theme", entityId: themeId, before: { texts } });
  });
}

async function themesUse(db: DB, themeId: number) {
  const [responses, questions, quotes, merged] = await Promise.all([
    db
      .selectFrom("response_themes")
      .select((c) => c.fn.countAll<number>().as("n"))
      .where("theme_id", "=", themeId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("questions")
      .select((c) => c.fn.countAll<number>().as("n"))
      .where("theme_id", "=", themeId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("quote_themes")
      .select((c) => c.fn.countAll<number>().as("n"))
      .where("theme_id", "=", themeId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("themes")
      .select((c) => c.fn.countAll<number>().as("n"))
      .where("merged_into", "=", themeId)
      .executeTakeFirstOrThrow(),
  ]);
  return [Number(responses.n) + Number(questions.n) + Number(quotes.n) + Number(merged.n)];
}
