import type { DB } from "../../db/connection";
import type { ActionStatus, Audience } from "../../db/schema";
import { themeWordings } from "./wordings.server";
import { fallbackLanguage } from "../i18n/config";
import { publicPeriods, startedPeriodIds } from "../actions/periods.server";
import { updateTranslationsIn } from "../translations/action-translations.server";
import { actionWords, localText, updateWords } from "../translations/local-text";
import { listenedThemeId } from "../insight/listened.server";
import { suppressedThemeFigures, themeAgreement, themeCounts } from "./figures.server";
import { DEFAULT_THRESHOLD, suppressShare, suppressSplit } from "./suppression";

export interface PublicFilters {
  period?: string;
  theme?: string;
  status?: ActionStatus;
  audience?: Audience;
  q?: string;
}

function pick<T extends { lang: string }>(rows: T[], lang: string): T | undefined {
  return rows.find((row) => row.lang === lang) ?? rows.find((row) => row.lang === fallbackLanguage);
}

/**
 * Everything the public "You said, we did" page shows for one period. Only published statements
 * and actions, only approved quotes from consenting, unflagged responses, and only suppressed
 * figures ever leave this function: no moderator note, answer text or raw small count.
 */
export async function youSaidWeDid(db: DB, lang: string, filters: PublicFilters, threshold = DEFAULT_THRESHOLD, now = new Date()) {
  // A period is public from its first day: until then neither it nor anything in it is shown.
  const periods = (await publicPeriods(db, lang, now)).map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    lang: p.lang,
    starts_on: p.starts_on,
    ends_on: p.ends_on,
  }));
  // Without a choice: the latest period with something published in it.
  const withStatements = new Set(
    (
      await db
        .selectFrom("statements as s")
        .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "s.id").on("p.entity", "=", "statement"))
        .select("s.period_id")
        .where("p.published_at", "is not", null)
        .execute()
    ).map((row) => row.period_id),
  );
  const period = periods.find((candidate) => candidate.slug === filters.period) ?? periods.find((candidate) => withStatements.has(candidate.id)) ?? periods[0];
  if (!period) return { periods: [], period: null, threshold };

  const [{ responses, listened, figures, wordings }, themes, statements, actions] = await Promise.all([
    countedFigures(db, period, threshold),
    db
      .selectFrom("themes as th")
      .innerJoin("theme_translations as t", "t.theme_id", "th.id")
      .select(["th.id", "th.slug", "t.lang", "t.name", "t.description"])
      .execute(),
    db
      .selectFrom("statements as s")
      .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "s.id").on("p.entity", "=", "statement"))
      .select(["s.id", "s.theme_id", "p.published_at"])
      .where("s.period_id", "=", period.id)
      .where("p.published_at", "is not", null)
      .execute(),
    db
      .selectFrom("actions as a")
      .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "a.id").on("p.entity", "=", "action"))
      .select(["a.id", "a.owner", "a.partner", "a.due_on", "a.status", "p.published_at"])
      .where("p.published_at", "is not", null)
      .where((eb) => eb.or([eb("a.period_id", "=", period.id), eb("a.period_id", "is", null)]))
      .execute(),
  ]);

  const ids = { statements: statements.map((s) => s.id), actions: actions.map((a) => a.id) };
  const none = [-1];
  const [summaries, statementQuotes, actionTexts, actionThemes, updates, corrections] = await Promise.all([
    db
      .selectFrom("statement_texts")
      .select(["statement_id", "lang", "summary"])
      .where("statement_id", "in", ids.statements.length ? ids.statements : none)
      .execute(),
    db
      .selectFrom("statement_quotes as sq")
      .innerJoin("quotes as q", "q.id", "sq.quote_id")
      .innerJoin("responses as r", "r.id", "q.response_id")
      .select(["sq.statement_id", "q.id", "q.text", "q.lang", "q.translation"])
      .where("sq.statement_id", "in", ids.statements.length ? ids.statements : none)
      .where("q.approved_at", "is not", null)
      .where("r.flagged", "=", 0)
      .where("r.quote_consent", "=", 1)
      .execute(),
    db
      .selectFrom("action_texts")
      .select(["action_id", "lang", "title", "description", "measure", "status_reason", "impact"])
      .where("action_id", "in", ids.actions.length ? ids.actions : none)
      .execute(),
    db
      .selectFrom("action_themes")
      .select(["action_id", "theme_id"])
      .where("action_id", "in", ids.actions.length ? ids.actions : none)
      .execute(),
    db
      .selectFrom("action_updates")
      .select(["id", "action_id", "body", "update_on", "lang"])
      .where("action_id", "in", ids.actions.length ? ids.actions : none)
      .orderBy("update_on", "desc")
      .orderBy("id", "desc")
      .execute(),
    db
      .selectFrom("corrections")
      .select(["entity", "entity_id", "note", "corrected_at"])
      .where((eb) =>
        eb.or([
          eb.and([eb("entity", "=", "statement"), eb("entity_id", "in", ids.statements.length ? ids.statements : none)]),
          eb.and([eb("entity", "=", "action"), eb("entity_id", "in", ids.actions.length ? ids.actions : none)]),
        ]),
      )
      .orderBy("corrected_at")
      .execute(),
  ]);

  // Statements, actions and updates are written in English and may be translated: each text comes in the reader's language where it exists.
  const latestUpdates = actions.map((action) => updates.find((row) => row.action_id === action.id)).filter((update) => update !== undefined);
  const updateTexts = await updateTranslationsIn(
    db,
    latestUpdates.map((update) => update.id),
    lang,
  );
  const themeText = (id: number) =>
    pick(
      themes.filter((t) => t.id === id),
      lang,
    );
  const correctionsFor = (entity: string, id: number) =>
    corrections.filter((c) => c.entity === entity && c.entity_id === id).map((c) => ({ note: c.note, on: c.corrected_at.slice(0, 10) }));
  const publicActions = actions
    .filter((action) => !filters.status || action.status === filters.status)
    .map((action) => {
      const latest = latestUpdates.find((row) => row.action_id === action.id);
      const latestWords = latest ? updateWords(latest, updateTexts, lang) : null;
      return {
        id: action.id,
        owner: action.owner,
        partner: action.partner,
        dueOn: action.due_on,
        status: action.status,
        ...actionWords(
          actionTexts.filter((row) => row.action_id === action.id),
          lang,
        ),
        latestUpdate: latest && latestWords ? { body: latestWords.text, on: latest.update_on, lang: latestWords.lang } : null,
        themeIds: actionThemes.filter((row) => row.action_id === action.id).map((row) => row.theme_id),
        corrections: correctionsFor("action", action.id),
      };
    });

  const needle = filters.q?.trim().toLocaleLowerCase() ?? "";
  const sections = statements
    .map((statement) => {
      const theme = themeText(statement.theme_id);
      const figure = figures.find((f) => f.themeId === statement.theme_id);
      const summary = localText(
        summaries.filter((row) => row.statement_id === statement.id),
        lang,
        (row) => row.summary,
      );
      return {
        themeId: statement.theme_id,
        slug: themes.find((t) => t.id === statement.theme_id)?.slug ?? "",
        name: theme?.name ?? "",
        description: theme?.description ?? null,
        nameLang: theme?.lang ?? fallbackLanguage,
        summary: summary?.text ?? "",
        summaryLang: summary?.lang ?? fallbackLanguage,
        raised: filters.audience ? (figure?.raised.parts[filters.audience] ?? null) : (figure?.raised.total ?? null),
        /** True when `raised` is hidden only so that a smaller figure cannot be worked out: it reads "not shown", not "fewer than". */
        raisedProtects: filters.audience ? (figure?.raised.secondary ?? []).includes(filters.audience) : false,
        split: figure?.raised.parts ?? { parent_carer: null, young_person: null },
        splitHiddenToProtect: figure?.raised.secondary ?? [],
        agreedPercent: figure?.agreedPercent ?? null,
        /** Questions behind these figures that were asked in more than one wording in the period, each with its wordings, oldest first (English). */
        wordings: (wordings.get(statement.theme_id) ?? []).map((question) => question.wordings),
        quotes: statementQuotes
          .filter((q) => q.statement_id === statement.id)
          .map((q) => ({ id: q.id, text: q.text, lang: q.lang, translation: q.translation })),
        actions: publicActions.filter((action) => action.themeIds.includes(statement.theme_id)),
        corrections: correctionsFor("statement", statement.id),
      };
    })
    .filter((section) => !filters.theme || section.slug === filters.theme)
    .filter((section) => !filters.status || section.actions.length > 0)
    .filter(
      (section) =>
        !needle ||
        [section.name, section.summary, ...section.actions.map((a) => `${a.title} ${a.description}`)].some((text) => text.toLocaleLowerCase().includes(needle)),
    )
    // Most raised first, by published figures only.
    .sort((a, b) => (b.raised ?? -1) - (a.raised ?? -1) || a.name.localeCompare(b.name));

  const byAudience = { parent_carer: 0, young_person: 0 };
  for (const row of responses) byAudience[row.audience] = Number(row.n);
  const statusCounts = { planned: 0, in_progress: 0, done: 0, not_possible: 0 };
  for (const action of actions) statusCounts[action.status]++;
  const lastUpdated = [...statements.map((s) => s.published_at), ...actions.map((a) => a.published_at), ...corrections.map((c) => c.corrected_at)]
    .filter((value): value is string => Boolean(value))
    .sort()
    .at(-1);

  return {
    periods: periods.map((p) => ({ slug: p.slug, name: p.name, lang: p.lang })),
    period: { slug: period.slug, name: period.name, nameLang: period.lang, from: period.starts_on, to: period.ends_on },
    overview: {
      responses: suppressSplit(byAudience.parent_carer + byAudience.young_person, byAudience, threshold),
      themes: statements.length,
      actions: statusCounts,
      listenedPercent: listened ? suppressShare(listened.agreed, listened.base, threshold) : null,
    },
    sections,
    /** Every published action of the period, including any whose theme has no statement yet. */
    actions: publicActions,
    themeOptions: statements.map((s) => ({ slug: themes.find((t) => t.id === s.theme_id)?.slug ?? "", name: themeText(s.theme_id)?.name ?? "" })),
    lastUpdated: lastUpdated ?? null,
    threshold,
  };
}

/**
 * The figures counted for one period, read from the kept counts (docs/decisions/020-counts.md):
 * no answer is read, so every visitor gets figures as fresh as the last response, tag or flag.
 */
async function countedFigures(db: DB, period: { starts_on: string; ends_on: string }, threshold: number) {
  const range = { from: period.starts_on, to: period.ends_on };
  const [responses, counts, agreement, listenedTheme, wordings] = await Promise.all([
    db
      .selectFrom("response_counts")
      .select(["audience", (eb) => eb.fn.sum<number>("n").as("n")])
      .where("day", ">=", range.from)
      .where("day", "<=", range.to)
      .groupBy("audience")
      .execute(),
    themeCounts(db, range),
    themeAgreement(db, range),
    listenedThemeId(db),
    themeWordings(db, range),
  ]);
  // "Felt listened to" is the agreement on the listened-to theme's scale questions, read once with the rest.
  const listened = listenedTheme === null ? undefined : agreement.get(listenedTheme);
  return { responses, listened, figures: suppressedThemeFigures(counts, agreement, threshold), wordings };
}

/** Published actions the public may read: none in a period that has not started yet. */
const publishedActions = (db: DB, now: Date) =>
  db
    .selectFrom("actions as a")
    .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "a.id").on("p.entity", "=", "action"))
    .where("p.published_at", "is not", null)
    .where((eb) => eb.or([eb("a.period_id", "is", null), eb("a.period_id", "in", startedPeriodIds(db, now))]));

/** One published action with its whole public history: every update, every status change, its themes. */
export async function publicAction(db: DB, lang: string, id: number, now = new Date()) {
  const action = await publishedActions(db, now)
    .leftJoin("periods as pe", "pe.id", "a.period_id")
    .select(["a.id", "a.owner", "a.partner", "a.due_on", "a.status", "p.published_at", "pe.slug as periodSlug"])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!action) return null;
  const [texts, updates, history, themes, corrections] = await Promise.all([
    db.selectFrom("action_texts").select(["lang", "title", "description", "measure", "status_reason", "impact"]).where("action_id", "=", id).execute(),
    db
      .selectFrom("action_updates")
      .select(["id", "body", "update_on", "lang"])
      .where("action_id", "=", id)
      .orderBy("update_on", "desc")
      .orderBy("id", "desc")
      .execute(),
    db.selectFrom("action_status_history").select(["to_status", "changed_at"]).where("action_id", "=", id).orderBy("changed_at").orderBy("id").execute(),
    db
      .selectFrom("action_themes as at")
      .innerJoin("themes as th", "th.id", "at.theme_id")
      .innerJoin("theme_translations as t", "t.theme_id", "th.id")
      .select(["th.id", "th.slug", "t.lang", "t.name"])
      .where("at.action_id", "=", id)
      .execute(),
    db.selectFrom("corrections").select(["note", "corrected_at"]).where("entity", "=", "action").where("entity_id", "=", id).orderBy("corrected_at").execute(),
  ]);
  const updateTexts = await updateTranslationsIn(
    db,
    updates.map((update) => update.id),
    lang,
  );
  return {
    id: action.id,
    owner: action.owner,
    partner: action.partner,
    dueOn: action.due_on,
    status: action.status,
    periodSlug: action.periodSlug,
    publishedAt: action.published_at!,
    ...actionWords(texts, lang),
    updates: updates.map((update) => {
      const words = updateWords(update, updateTexts, lang);
      return { id: update.id, body: words.text, on: update.update_on, lang: words.lang };
    }),
    history: history.map((change) => ({ status: change.to_status, on: change.changed_at.slice(0, 10) })),
    themes: [...new Set(themes.map((theme) => theme.id))].map((themeId) => {
      const name = pick(
        themes.filter((theme) => theme.id === themeId),
        lang,
      )!;
      return { slug: name.slug, name: name.name, lang: name.lang };
    }),
    corrections: corrections.map((c) => ({ note: c.note, on: c.corrected_at.slice(0, 10) })),
  };
}

/** The newest updates to published actions, for the Atom feed. */
export async function publicActionUpdates(db: DB, lang: string, limit = 50, now = new Date()) {
  const updates = await publishedActions(db, now)
    .innerJoin("action_updates as u", "u.action_id", "a.id")
    .select(["u.id", "u.action_id", "u.body", "u.update_on", "u.lang", "u.created_at", "a.status"])
    .orderBy("u.update_on", "desc")
    .orderBy("u.id", "desc")
    .limit(limit)
    .execute();
  const [titles, updateTexts] = await Promise.all([
    db
      .selectFrom("action_texts")
      .select(["action_id", "lang", "title"])
      .where("action_id", "in", updates.length ? [...new Set(updates.map((u) => u.action_id))] : [-1])
      .execute(),
    updateTranslationsIn(
      db,
      updates.map((update) => update.id),
      lang,
    ),
  ]);
  return updates.map((update) => {
    const title = localText(
      titles.filter((row) => row.action_id === update.action_id),
      lang,
      (row) => row.title,
    );
    const words = updateWords(update, updateTexts, lang);
    return {
      id: update.id,
      actionId: update.action_id,
      actionTitle: title?.text ?? "",
      status: update.status,
      body: words.text,
      on: update.update_on,
      recordedAt: update.created_at,
      lang: words.lang,
    };
  });
}
