import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, ResponseTable, SurveyTable } from "../../db/schema";
import { notRaising } from "../aggregates/counts.server";
import { fallbackLanguage } from "../i18n/config";
import { PAGE_SIZE, type QueueFilters } from "./filters";

type QueueDatabase = Database & { r: ResponseTable; s: SurveyTable };
type ResponseQuery<O> = SelectQueryBuilder<QueueDatabase, "r" | "s", O>;

/**
 * How the theme filter finds responses. A theme raised by few responses is found from its side
 * (its tags and answers, by index) and the set is small. A theme raised by many would make that set
 * huge, so the queue walks the newest responses instead and checks each one: a common theme turns up
 * within a few dozen. The kept counts say which it is, before the query runs.
 */
type ThemeWay = "fromTheme" | "fromNewest";
const FEW = 2_000;

async function themeWay(db: DB, filters: QueueFilters): Promise<ThemeWay> {
  if (!filters.theme) return "fromTheme";
  const total = await db
    .selectFrom("queue_theme_counts")
    .select((eb) => eb.fn.sum<number>("n").as("n"))
    .where("theme_id", "=", filters.theme)
    .executeTakeFirst();
  return Number(total?.n ?? 0) <= FEW ? "fromTheme" : "fromNewest";
}

/** Every filter but the cursor; flagged responses never appear in the ordinary queue. */
function applyFilters<O>(query: ResponseQuery<O>, filters: QueueFilters, way: ThemeWay): ResponseQuery<O> {
  let q = query.where("r.flagged", "=", 0);
  if (filters.survey) q = q.where("s.slug", "=", filters.survey);
  if (filters.audience) q = q.where("r.audience", "=", filters.audience);
  if (filters.lang) q = q.where("r.lang", "=", filters.lang);
  if (filters.status) q = q.where("r.status", "=", filters.status);
  // "is not null" always, so the planner can use the partial index of supported responses.
  if (filters.support) q = q.where("r.support_kind", "is not", null);
  if (filters.support && filters.support !== "any") q = q.where("r.support_kind", "=", filters.support);
  if (filters.theme) {
    const theme = filters.theme;
    // A theme is raised by a tag, or by a structured answer to a question that carries it.
    const carriers = (eb: ExpressionBuilder<QueueDatabase, "r" | "s">) => eb.selectFrom("questions as q").select("q.id").where("q.theme_id", "=", theme);
    if (way === "fromTheme") {
      q = q.where("r.id", "in", (eb) =>
        eb
          .selectFrom("response_themes as rt")
          .select("rt.response_id")
          .where("rt.theme_id", "=", theme)
          .union(eb.selectFrom("answers as a").select("a.response_id").where("a.question_id", "in", carriers(eb)).where("a.choice", "not in", notRaising)),
      );
    } else {
      q = q.where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom("response_themes as rt").select("rt.theme_id").whereRef("rt.response_id", "=", "r.id").where("rt.theme_id", "=", theme)),
          eb.exists(
            eb
              .selectFrom("answers as a")
              .select("a.id")
              .whereRef("a.response_id", "=", "r.id")
              .where("a.question_id", "in", carriers(eb))
              .where("a.choice", "not in", notRaising),
          ),
        ]),
      );
    }
  }
  if (filters.untagged) {
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom("response_themes as rt").select("rt.theme_id").whereRef("rt.response_id", "=", "r.id"))));
  }
  return q;
}

export function cursorOf(row: { submitted_at: string; id: number }): string {
  return `${row.submitted_at}_${row.id}`;
}

/** One page of the queue, newest first, by keyset (no OFFSET: page 1,000 costs what page 1 does). */
export async function queuePage(db: DB, filters: QueueFilters, lang: string) {
  const way = await themeWay(db, filters);
  let query = applyFilters(
    db
      .selectFrom("responses as r")
      .innerJoin("surveys as s", "s.id", "r.survey_id")
      .select((eb) => [
        "r.id",
        "r.reference",
        "r.lang",
        "r.status",
        "r.submitted_at",
        "r.audience",
        eb
          .selectFrom("survey_translations as st")
          .select("st.title")
          .whereRef("st.survey_id", "=", "s.id")
          .where("st.lang", "in", [lang, fallbackLanguage])
          .orderBy(sql`st.lang = ${lang}`, "desc")
          .limit(1)
          .as("survey_title"),
        eb
          .selectFrom("answers as a")
          .select(sql<string>`substr(a.text, 1, 160)`.as("excerpt"))
          .whereRef("a.response_id", "=", "r.id")
          .where("a.text", "is not", null)
          .orderBy("a.id")
          .limit(1)
          .as("excerpt"),
        eb
          .selectFrom("response_themes as rt")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("rt.response_id", "=", "r.id")
          .as("tag_count"),
      ]),
    filters,
    way,
  );
  if (filters.after) {
    const [at, id] = [filters.after.slice(0, filters.after.lastIndexOf("_")), Number(filters.after.split("_").pop())];
    query = query.where((eb) => eb.or([eb("r.submitted_at", "<", at), eb.and([eb("r.submitted_at", "=", at), eb("r.id", "<", id)])]));
  }
  const rows = await query
    .orderBy("r.submitted_at", "desc")
    .orderBy("r.id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, PAGE_SIZE);
  return { rows: page, next: rows.length > PAGE_SIZE ? cursorOf(page[page.length - 1]) : null };
}

/**
 * How many responses match the filters, by status: read from the kept counts (a few hundred rows
 * at most), so it costs the same at a thousand responses as at a million, and is never out of date.
 */
export async function queueCounts(db: DB, filters: QueueFilters) {
  if (filters.support) return supportedCounts(db, filters);
  const surveyId = filters.survey ? ((await db.selectFrom("surveys").select("id").where("slug", "=", filters.survey).executeTakeFirst())?.id ?? -1) : undefined;
  const rows = filters.theme
    ? await db
        .selectFrom("queue_theme_counts")
        .select(["status", (eb) => eb.fn.sum<number>("n").as("n")])
        .where("theme_id", "=", filters.theme)
        .$if(filters.untagged !== undefined, (q) => q.where("tagged", "=", 0))
        .$if(surveyId !== undefined, (q) => q.where("survey_id", "=", surveyId!))
        .$if(filters.audience !== undefined, (q) => q.where("audience", "=", filters.audience!))
        .$if(filters.lang !== undefined, (q) => q.where("lang", "=", filters.lang!))
        .groupBy("status")
        .execute()
    : await db
        .selectFrom("queue_counts")
        .select(["status", (eb) => eb.fn.sum<number>("n").as("n")])
        .$if(filters.untagged !== undefined, (q) => q.where("tagged", "=", 0))
        .$if(surveyId !== undefined, (q) => q.where("survey_id", "=", surveyId!))
        .$if(filters.audience !== undefined, (q) => q.where("audience", "=", filters.audience!))
        .$if(filters.lang !== undefined, (q) => q.where("lang", "=", filters.lang!))
        .groupBy("status")
        .execute();
  const counts = { new: 0, in_review: 0, done: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/**
 * The counts of supported responses, which the kept counts do not split: counted from the responses
 * themselves, through the partial index that holds only supported ones (a small share of all).
 */
async function supportedCounts(db: DB, filters: QueueFilters) {
  const rows = await applyFilters(db.selectFrom("responses as r").innerJoin("surveys as s", "s.id", "r.survey_id"), filters, await themeWay(db, filters))
    .select(["r.status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("r.status")
    .execute();
  const counts = { new: 0, in_review: 0, done: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** The response after this one in the queue (older), with the same filters: for "Save and next". */
export async function nextInQueue(db: DB, filters: QueueFilters, current: { submitted_at: string; id: number }) {
  const row = await applyFilters(db.selectFrom("responses as r").innerJoin("surveys as s", "s.id", "r.survey_id"), filters, await themeWay(db, filters))
    .select("r.id")
    .where((eb) =>
      eb.or([eb("r.submitted_at", "<", current.submitted_at), eb.and([eb("r.submitted_at", "=", current.submitted_at), eb("r.id", "<", current.id)])]),
    )
    .orderBy("r.submitted_at", "desc")
    .orderBy("r.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function surveyChoices(db: DB, lang: string) {
  const rows = await db
    .selectFrom("surveys as s")
    .innerJoin("survey_translations as t", "t.survey_id", "s.id")
    .select(["s.slug", "t.title", "t.lang"])
    .where("t.lang", "in", [lang, fallbackLanguage])
    .orderBy("s.id")
    .execute();
  const bySlug = new Map<string, string>();
  for (const row of rows) if (!bySlug.has(row.slug) || row.lang === lang) bySlug.set(row.slug, row.title);
  return [...bySlug].map(([slug, title]) => ({ slug, title }));
}

export async function themeChoices(db: DB, lang: string, includeRetired = false) {
  let query = db
    .selectFrom("themes as th")
    .innerJoin("theme_translations as tt", "tt.theme_id", "th.id")
    .select(["th.id", "th.slug", "th.retired_at", "tt.name", "tt.lang"])
    .where("tt.lang", "in", [lang, fallbackLanguage]);
  if (!includeRetired) query = query.where("th.retired_at", "is", null);
  const rows = await query.orderBy("th.id").execute();
  const byId = new Map<number, { id: number; name: string; retired: boolean }>();
  for (const row of rows) {
    if (!byId.has(row.id) || row.lang === lang) byId.set(row.id, { id: row.id, name: row.name, retired: row.retired_at !== null });
  }
  return [...byId.values()];
}
