import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { londonDay } from "../surveys/dates";
import { translatedLanguages } from "./period-names";

/**
 * Reporting periods ("April to September 2026") that statements and actions belong to. A period is
 * public from its first day, London time; once anything in it is published it can be closed but
 * not deleted.
 */

export type PeriodFailure = "slugTaken" | "overlaps" | "published" | "inUse" | "notFound";

export class PeriodError extends Error {
  constructor(
    readonly reason: PeriodFailure,
    /** What the message names: the period it overlaps. */
    readonly params: Record<string, string> = {},
  ) {
    super(reason);
  }
}

export interface PeriodInput {
  slug: string;
  /** The English name, which every other language falls back to. */
  name: string;
  /** Inclusive, YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  /** The name in other languages by code; a missing or empty one is not translated yet. */
  translations?: Record<string, string>;
}

/** The day it is in England at `now`: a period starting after it is not public yet. */
export function londonToday(now: Date): string {
  return londonDay(now.toISOString());
}

/** Ids of the periods that have started by `now`, for the public's queries. */
export function startedPeriodIds(db: Kysely<Database>, now: Date) {
  return db.selectFrom("periods").select("periods.id").where("periods.starts_on", "<=", londonToday(now));
}

interface ListOptions {
  /** Only periods that have started by then: what the public may see. */
  startedBy?: Date;
  /** Only open periods, and this one even if closed (the one an item is already in). */
  openOr?: number | null;
}

/**
 * Periods newest first, each named in `lang` where it has that name, else in English; `lang` on
 * each says which, so the page can mark English with lang="en".
 */
export async function listPeriods(db: DB, lang: string, options: ListOptions = {}) {
  let query = db
    .selectFrom("periods as p")
    .innerJoin("period_translations as t", "t.period_id", "p.id")
    .select(["p.id", "p.slug", "p.starts_on", "p.ends_on", "p.closed_at", "t.lang", "t.name"])
    .where("t.lang", "in", [lang, fallbackLanguage]);
  if (options.startedBy) query = query.where("p.starts_on", "<=", londonToday(options.startedBy));
  if (options.openOr !== undefined) {
    const keep = options.openOr ?? -1;
    query = query.where((eb) => eb.or([eb("p.closed_at", "is", null), eb("p.id", "=", keep)]));
  }
  const rows = await query.orderBy("p.starts_on", "desc").orderBy("p.id", "desc").execute();
  const byId = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (!byId.has(row.id) || row.lang === lang) byId.set(row.id, row);
  return [...byId.values()];
}

/** The periods the public may read: those that have started. */
export function publicPeriods(db: DB, lang: string, now = new Date()) {
  return listPeriods(db, lang, { startedBy: now });
}

/** The periods a staff form offers: open ones, and the one the item is already in. */
export function periodChoices(db: DB, lang: string, current: number | null = null) {
  return listPeriods(db, lang, { openOr: current });
}

/** Whether something new may go into a period: it exists and is not closed. */
export async function periodTakesNew(db: Kysely<Database>, id: number): Promise<boolean> {
  const period = await db.selectFrom("periods").select("closed_at").where("id", "=", id).executeTakeFirst();
  return Boolean(period) && !period?.closed_at;
}

/** How many statements and actions each period holds, and how many of them are published. */
async function contents(db: Kysely<Database>, periodId?: number) {
  const only = periodId === undefined ? [] : [periodId];
  const statements = db
    .selectFrom("statements as s")
    .leftJoin("publications as pub", (join) => join.onRef("pub.entity_id", "=", "s.id").on("pub.entity", "=", "statement"))
    .select((eb) => ["s.period_id", eb.fn.countAll<number>().as("items"), eb.fn.count<number>("pub.published_at").as("published")])
    .$if(only.length > 0, (query) => query.where("s.period_id", "in", only))
    .groupBy("s.period_id");
  const actions = db
    .selectFrom("actions as a")
    .leftJoin("publications as pub", (join) => join.onRef("pub.entity_id", "=", "a.id").on("pub.entity", "=", "action"))
    .select((eb) => ["a.period_id", eb.fn.countAll<number>().as("items"), eb.fn.count<number>("pub.published_at").as("published")])
    .where("a.period_id", "is not", null)
    .$if(only.length > 0, (query) => query.where("a.period_id", "in", only))
    .groupBy("a.period_id");
  const totals = new Map<number, { items: number; published: number }>();
  for (const row of [...(await statements.execute()), ...(await actions.execute())]) {
    const id = Number(row.period_id);
    const total = totals.get(id) ?? { items: 0, published: 0 };
    totals.set(id, { items: total.items + Number(row.items), published: total.published + Number(row.published) });
  }
  return totals;
}

/** Every period as administrators manage it: every name, its state, and what is in it. */
export async function periodsForAdmin(db: DB, now = new Date()) {
  const [periods, names, held] = await Promise.all([
    db.selectFrom("periods").select(["id", "slug", "starts_on", "ends_on", "closed_at"]).orderBy("starts_on", "desc").orderBy("id", "desc").execute(),
    db.selectFrom("period_translations").select(["period_id", "lang", "name"]).execute(),
    contents(db),
  ]);
  const today = londonToday(now);
  return periods.map((period) => {
    const own = names.filter((row) => row.period_id === period.id && row.name.trim() !== "");
    const translations = Object.fromEntries(own.filter((row) => row.lang !== fallbackLanguage).map((row) => [row.lang, row.name]));
    return {
      ...period,
      name: own.find((row) => row.lang === fallbackLanguage)?.name ?? period.slug,
      translations,
      missing: translatedLanguages.filter((lang) => !translations[lang]),
      future: period.starts_on > today,
      items: held.get(period.id)?.items ?? 0,
      published: held.get(period.id)?.published ?? 0,
    };
  });
}

/** Refuses a period that overlaps another, naming the other. */
async function refuseOverlap(db: Kysely<Database>, input: PeriodInput, self?: number) {
  let query = db
    .selectFrom("periods as p")
    .innerJoin("period_translations as t", (join) => join.onRef("t.period_id", "=", "p.id").on("t.lang", "=", fallbackLanguage))
    .select(["t.name", "p.starts_on", "p.ends_on"])
    .where("p.starts_on", "<=", input.endsOn)
    .where("p.ends_on", ">=", input.startsOn);
  if (self !== undefined) query = query.where("p.id", "!=", self);
  const other = await query.orderBy("p.starts_on").executeTakeFirst();
  if (other) throw new PeriodError("overlaps", { name: other.name, from: other.starts_on, to: other.ends_on });
}

async function refuseTakenSlug(db: Kysely<Database>, slug: string, self?: number) {
  let query = db.selectFrom("periods").select("id").where("slug", "=", slug);
  if (self !== undefined) query = query.where("id", "!=", self);
  if (await query.executeTakeFirst()) throw new PeriodError("slugTaken");
}

async function saveNames(db: Kysely<Database>, periodId: number, input: PeriodInput) {
  await db.deleteFrom("period_translations").where("period_id", "=", periodId).execute();
  const names = [
    { lang: fallbackLanguage as string, name: input.name },
    ...translatedLanguages.map((lang) => ({ lang: lang as string, name: input.translations?.[lang]?.trim() ?? "" })).filter((row) => row.name !== ""),
  ];
  await db
    .insertInto("period_translations")
    .values(names.map((row) => ({ period_id: periodId, ...row })))
    .execute();
}

/**
 * A new English name makes the other names out of date (decision 013): those saved unchanged beside
 * it are dropped, so readers get the new English until someone translates it again.
 */
async function withoutStaleNames(db: Kysely<Database>, periodId: number, input: PeriodInput): Promise<PeriodInput> {
  const stored = await db.selectFrom("period_translations").select(["lang", "name"]).where("period_id", "=", periodId).execute();
  const translations = Object.fromEntries(
    Object.entries(input.translations ?? {}).filter(([lang, name]) => stored.find((row) => row.lang === lang)?.name !== name.trim()),
  );
  return { ...input, translations };
}

const summary = (input: PeriodInput) => ({
  slug: input.slug,
  name: input.name,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  translated: translatedLanguages.filter((lang) => input.translations?.[lang]?.trim()),
});

export async function createPeriod(db: DB, input: PeriodInput, userId: number, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await refuseTakenSlug(trx, input.slug);
    await refuseOverlap(trx, input);
    const { id } = await trx
      .insertInto("periods")
      .values({ slug: input.slug, starts_on: input.startsOn, ends_on: input.endsOn })
      .returning("id")
      .executeTakeFirstOrThrow();
    await saveNames(trx, id, input);
    await audit(trx, { userId, action: "period.create", entity: "period", entityId: id, after: summary(input) }, now);
    return id;
  });
}

async function periodRow(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom("periods as p")
    .leftJoin("period_translations as t", (join) => join.onRef("t.period_id", "=", "p.id").on("t.lang", "=", fallbackLanguage))
    .select(["p.slug", "p.starts_on", "p.ends_on", "p.closed_at", "t.name"])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new PeriodError("notFound");
  return row;
}

/** Saves a period's names, short name and dates; the dates may not overlap another period. */
export async function updatePeriod(db: DB, id: number, input: PeriodInput, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const before = await periodRow(trx, id);
    await refuseTakenSlug(trx, input.slug, id);
    await refuseOverlap(trx, input, id);
    await trx.updateTable("periods").set({ slug: input.slug, starts_on: input.startsOn, ends_on: input.endsOn }).where("id", "=", id).execute();
    await saveNames(trx, id, before.name === input.name ? input : await withoutStaleNames(trx, id, input));
    await audit(trx, { userId, action: "period.update", entity: "period", entityId: id, before, after: summary(input) }, now);
  });
}

/** Closing keeps everything in the period public but adds nothing new to it; reopening undoes it. */
export async function setPeriodClosed(db: DB, id: number, closed: boolean, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    await periodRow(trx, id);
    await trx
      .updateTable("periods")
      .set({ closed_at: closed ? now.toISOString() : null })
      .where("id", "=", id)
      .execute();
    await audit(trx, { userId, action: closed ? "period.close" : "period.reopen", entity: "period", entityId: id }, now);
  });
}

/**
 * Deletes a period that nothing was ever written in. One with anything published can only be
 * closed; one with drafts in it is refused too, so that nobody's words are lost with it.
 */
export async function deletePeriod(db: DB, id: number, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const before = await periodRow(trx, id);
    const held = (await contents(trx, id)).get(id);
    if (held?.published) throw new PeriodError("published");
    if (held?.items) throw new PeriodError("inUse");
    await trx.deleteFrom("period_translations").where("period_id", "=", id).execute();
    await trx.deleteFrom("periods").where("id", "=", id).execute();
    await audit(trx, { userId, action: "period.delete", entity: "period", entityId: id, before }, now);
  });
}
