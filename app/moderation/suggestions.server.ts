import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { modelLanguage, termsOf } from "./terms";

/**
 * Theme suggestions: multinomial naive Bayes over word unigrams and bigrams, one model per
 * language, learned from the themes moderators give free-text answers. An answer can raise several
 * themes, so each theme is judged against all the others together (one against the rest) rather
 * than the themes competing for one answer. The model is nothing but counts in the database (see
 * the 2026-12-05-03 migration), changed in the transaction that saves the tags, so every app
 * instance shares it and it learns as each tag comes in. Scoring an answer reads only the counts
 * of that answer's own terms. A suggestion is a hint: nothing here ever tags a response.
 */

type Db = Kysely<Database>;

/** Laplace smoothing. */
const SMOOTHING = 1;
export const MAX_SUGGESTIONS = 3;
/** A theme is suggested only when the model thinks it at least this likely (measured in `npm run bench`). */
export const MIN_CONFIDENCE = 0.2;
/** Until a language has this many tagged answers, its model knows too little to suggest anything. */
export const MIN_TAGGED = 10;
/** A theme given to fewer answers than this is not suggested yet. */
const MIN_THEME_ANSWERS = 2;
const MAX_WORDS = 4;
/** Terms per statement, well under every database's limit on bound values. */
const CHUNK = 200;

export interface RankedTheme {
  themeId: number;
  /** How likely the model thinks it that the answer raises this theme, 0 to 1. */
  confidence: number;
  /** The answer's own words that pointed most to this theme, strongest first. */
  words: string[];
  /** How many tagged answers in the language carry the theme. */
  answers: number;
}

export type Suggestion = Omit<RankedTheme, "answers">;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The distinct terms of several answers, each segmented on its own. */
function termsOfAll(texts: string[], lang: string): string[] {
  return [...new Set(texts.flatMap((text) => termsOf(text, lang)))];
}

/** What a response's free-text answers give the model; null when it has none. */
async function documentOf(db: Db, responseId: number) {
  const rows = await db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .select(["a.text", "r.lang"])
    .where("a.response_id", "=", responseId)
    .where("a.text", "is not", null)
    .execute();
  if (rows.length === 0) return null;
  const lang = modelLanguage(rows[0].lang);
  const terms = termsOfAll(
    rows.map((row) => row.text ?? ""),
    lang,
  );
  return terms.length > 0 ? { lang, terms } : null;
}

/** Which of these terms the language's model already knows, under any theme. */
async function knownTerms(db: Db, lang: string, terms: string[]) {
  let known = 0;
  for (const part of chunks(terms)) {
    const rows = await db.selectFrom("suggestion_terms").select("term").distinct().where("lang", "=", lang).where("term", "in", part).execute();
    known += rows.length;
  }
  return known;
}

async function addAnswer(db: Db, lang: string, terms: string[], themeId: number) {
  for (const part of chunks(terms)) {
    await db
      .insertInto("suggestion_terms")
      .values(part.map((term) => ({ lang, term, theme_id: themeId, n: 1 })))
      .onConflict((oc) => oc.columns(["lang", "term", "theme_id"]).doUpdateSet((eb) => ({ n: eb("suggestion_terms.n", "+", 1) })))
      .execute();
  }
  await db
    .insertInto("suggestion_docs")
    .values({ lang, theme_id: themeId, n: 1, terms: terms.length })
    .onConflict((oc) =>
      oc.columns(["lang", "theme_id"]).doUpdateSet((eb) => ({ n: eb("suggestion_docs.n", "+", 1), terms: eb("suggestion_docs.terms", "+", terms.length) })),
    )
    .execute();
}

async function removeAnswer(db: Db, lang: string, terms: string[], themeId: number) {
  for (const part of chunks(terms)) {
    await db
      .updateTable("suggestion_terms")
      .set((eb) => ({ n: eb("n", "-", 1) }))
      .where("lang", "=", lang)
      .where("theme_id", "=", themeId)
      .where("term", "in", part)
      .execute();
    await db.deleteFrom("suggestion_terms").where("lang", "=", lang).where("theme_id", "=", themeId).where("term", "in", part).where("n", "<=", 0).execute();
  }
  await db
    .updateTable("suggestion_docs")
    .set((eb) => ({ n: eb("n", "-", 1), terms: eb("terms", "-", terms.length) }))
    .where("lang", "=", lang)
    .where("theme_id", "=", themeId)
    .execute();
  await db.deleteFrom("suggestion_docs").where("lang", "=", lang).where("theme_id", "=", themeId).where("n", "<=", 0).execute();
}

async function addToVocabulary(db: Db, lang: string, change: number) {
  if (change === 0) return;
  await db
    .insertInto("suggestion_languages")
    .values({ lang, vocabulary: Math.max(change, 0) })
    .onConflict((oc) => oc.column("lang").doUpdateSet((eb) => ({ vocabulary: eb("suggestion_languages.vocabulary", "+", change) })))
    .execute();
}

/**
 * Teaches the model a change to one response's themes; call it in the transaction that saves the
 * tags. A response without free text teaches nothing.
 */
export async function learnTags(db: Db, responseId: number, change: { added: number[]; removed: number[] }) {
  if (change.added.length === 0 && change.removed.length === 0) return;
  const doc = await documentOf(db, responseId);
  if (!doc) return;
  const before = await knownTerms(db, doc.lang, doc.terms);
  for (const themeId of change.added) await addAnswer(db, doc.lang, doc.terms, themeId);
  for (const themeId of change.removed) await removeAnswer(db, doc.lang, doc.terms, themeId);
  await addToVocabulary(db, doc.lang, (await knownTerms(db, doc.lang, doc.terms)) - before);
}

/**
 * One theme merged into another: its counts move to the kept theme, up to `limit` terms at a time,
 * so that a merge can move them a batch at a time (app/moderation/merges.server.ts). Returns false
 * once there is nothing left to move. The terms the model knows stay the same. Responses tagged with
 * both are counted twice on the kept theme until `forgetSecondTags` takes them off.
 */
export async function moveSuggestions(db: Db, fromId: number, intoId: number, limit = 1000): Promise<boolean> {
  const terms = await db.selectFrom("suggestion_terms").select(["lang", "term", "n"]).where("theme_id", "=", fromId).limit(limit).execute();
  for (const part of chunks(terms)) {
    await db
      .insertInto("suggestion_terms")
      .values(part.map((row) => ({ ...row, theme_id: intoId })))
      .onConflict((oc) => oc.columns(["lang", "term", "theme_id"]).doUpdateSet((eb) => ({ n: eb("suggestion_terms.n", "+", eb.ref("excluded.n")) })))
      .execute();
    for (const lang of new Set(part.map((row) => row.lang))) {
      const words = part.filter((row) => row.lang === lang).map((row) => row.term);
      await db.deleteFrom("suggestion_terms").where("theme_id", "=", fromId).where("lang", "=", lang).where("term", "in", words).execute();
    }
  }
  if (terms.length > 0) return true;
  const docs = await db.selectFrom("suggestion_docs").select(["lang", "n", "terms"]).where("theme_id", "=", fromId).execute();
  if (docs.length === 0) return false;
  await db
    .insertInto("suggestion_docs")
    .values(docs.map((doc) => ({ ...doc, theme_id: intoId })))
    .onConflict((oc) =>
      oc
        .columns(["lang", "theme_id"])
        .doUpdateSet((eb) => ({ n: eb("suggestion_docs.n", "+", eb.ref("excluded.n")), terms: eb("suggestion_docs.terms", "+", eb.ref("excluded.terms")) })),
    )
    .execute();
  await db.deleteFrom("suggestion_docs").where("theme_id", "=", fromId).execute();
  return true;
}

/** Takes these responses, which had both merged themes' tags and now keep one, off the kept theme once. */
export async function forgetSecondTags(db: Db, responseIds: number[], intoId: number) {
  for (const part of chunks(responseIds)) await removeAnswers(db, await documentsOf(db, part), intoId);
}

/** What each of these responses' free-text answers give the model, read in one query. */
async function documentsOf(db: Db, responseIds: number[]) {
  const rows = await db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .select(["a.response_id", "a.text", "r.lang"])
    .where("a.response_id", "in", responseIds)
    .where("a.text", "is not", null)
    .execute();
  const texts = new Map<number, { lang: string; texts: string[] }>();
  for (const row of rows) {
    const doc = texts.get(row.response_id) ?? { lang: modelLanguage(row.lang), texts: [] };
    doc.texts.push(row.text ?? "");
    texts.set(row.response_id, doc);
  }
  return [...texts.values()].map((doc) => ({ lang: doc.lang, terms: termsOfAll(doc.texts, doc.lang) })).filter((doc) => doc.terms.length > 0);
}

/** Takes several documents off one theme at once: each term's count falls by the documents that have it. */
async function removeAnswers(db: Db, docs: { lang: string; terms: string[] }[], themeId: number) {
  const byLang = new Map<string, { docs: number; terms: number; counts: Map<string, number> }>();
  for (const doc of docs) {
    const entry = byLang.get(doc.lang) ?? { docs: 0, terms: 0, counts: new Map<string, number>() };
    entry.docs += 1;
    entry.terms += doc.terms.length;
    for (const term of doc.terms) entry.counts.set(term, (entry.counts.get(term) ?? 0) + 1);
    byLang.set(doc.lang, entry);
  }
  for (const [lang, entry] of byLang) {
    for (const part of chunks([...entry.counts])) {
      await db
        .insertInto("suggestion_terms")
        .values(part.map(([term, n]) => ({ lang, term, theme_id: themeId, n: -n })))
        .onConflict((oc) => oc.columns(["lang", "term", "theme_id"]).doUpdateSet((eb) => ({ n: eb("suggestion_terms.n", "+", eb.ref("excluded.n")) })))
        .execute();
      await db
        .deleteFrom("suggestion_terms")
        .where("lang", "=", lang)
        .where("theme_id", "=", themeId)
        .where(
          "term",
          "in",
          part.map(([term]) => term),
        )
        .where("n", "<=", 0)
        .execute();
    }
    await db
      .updateTable("suggestion_docs")
      .set((eb) => ({ n: eb("n", "-", entry.docs), terms: eb("terms", "-", entry.terms) }))
      .where("lang", "=", lang)
      .where("theme_id", "=", themeId)
      .execute();
    await db.deleteFrom("suggestion_docs").where("lang", "=", lang).where("theme_id", "=", themeId).where("n", "<=", 0).execute();
  }
}

/**
 * Builds every count again from the tags as they stand: for the demo data, and for a portal whose
 * tags were given before suggestions existed. Responses held for safeguarding teach nothing.
 */
export async function rebuildSuggestionModel(db: DB) {
  await db.transaction().execute(async (trx) => {
    for (const table of ["suggestion_terms", "suggestion_docs", "suggestion_languages"] as const) await trx.deleteFrom(table).execute();
    const tags = await trx
      .selectFrom("response_themes as rt")
      .innerJoin("responses as r", "r.id", "rt.response_id")
      .select(["rt.response_id", "rt.theme_id"])
      .where("r.flagged", "=", 0)
      .orderBy("rt.response_id")
      .execute();
    const themesOf = new Map<number, number[]>();
    for (const tag of tags) themesOf.set(tag.response_id, [...(themesOf.get(tag.response_id) ?? []), tag.theme_id]);
    const terms = new Map<string, number>();
    const docs = new Map<string, { n: number; terms: number }>();
    const vocabulary = new Map<string, Set<string>>();
    for (const [responseId, themeIds] of themesOf) {
      const doc = await documentOf(trx, responseId);
      if (!doc) continue;
      const known = vocabulary.get(doc.lang) ?? new Set<string>();
      vocabulary.set(doc.lang, known);
      for (const term of doc.terms) known.add(term);
      for (const themeId of themeIds) {
        const key = JSON.stringify([doc.lang, themeId]);
        const counted = docs.get(key) ?? { n: 0, terms: 0 };
        docs.set(key, { n: counted.n + 1, terms: counted.terms + doc.terms.length });
        for (const term of doc.terms) {
          const termKey = JSON.stringify([doc.lang, term, themeId]);
          terms.set(termKey, (terms.get(termKey) ?? 0) + 1);
        }
      }
    }
    const termRows = [...terms].map(([key, n]) => {
      const [lang, term, themeId] = JSON.parse(key) as [string, string, number];
      return { lang, term, theme_id: themeId, n };
    });
    for (const part of chunks(termRows)) await trx.insertInto("suggestion_terms").values(part).execute();
    const docRows = [...docs].map(([key, counted]) => {
      const [lang, themeId] = JSON.parse(key) as [string, number];
      return { lang, theme_id: themeId, ...counted };
    });
    for (const part of chunks(docRows)) await trx.insertInto("suggestion_docs").values(part).execute();
    const languages = [...vocabulary].map(([lang, known]) => ({ lang, vocabulary: known.size }));
    if (languages.length) await trx.insertInto("suggestion_languages").values(languages).execute();
  });
}

/** The counts for these terms, by term and theme. */
async function termCounts(db: Db, lang: string, terms: string[]) {
  const counts = new Map<string, Map<number, number>>();
  for (const part of chunks(terms)) {
    const rows = await db.selectFrom("suggestion_terms").select(["term", "theme_id", "n"]).where("lang", "=", lang).where("term", "in", part).execute();
    for (const row of rows) {
      const byTheme = counts.get(row.term) ?? new Map<number, number>();
      byTheme.set(row.theme_id, Number(row.n));
      counts.set(row.term, byTheme);
    }
  }
  return counts;
}

/** Between words that weigh the same, a single word reads better than a pair, and a long word says more. */
const byStrength = (a: { term: string; weight: number }, b: { term: string; weight: number }) =>
  b.weight - a.weight || a.term.split(" ").length - b.term.split(" ").length || b.term.length - a.term.length || a.term.localeCompare(b.term);

/** The strongest words, without repeating a word already shown inside a pair or a pair of words shown. */
function strongestWords(weighted: { term: string; weight: number }[]): string[] {
  const chosen: string[] = [];
  for (const { term } of weighted.sort(byStrength)) {
    const words = term.split(" ");
    const repeats = words.length === 1 ? chosen.some((c) => c.split(" ").includes(term)) : words.every((word) => chosen.includes(word));
    if (!repeats) chosen.push(term);
    if (chosen.length === MAX_WORDS) break;
  }
  return chosen;
}

/**
 * Every active theme the language's model can say something about, most likely first, with the
 * answer's words that pointed to each. Retired and merged themes are left out.
 */
export async function rankThemes(db: Db, texts: string[], answerLang: string): Promise<RankedTheme[]> {
  const lang = modelLanguage(answerLang);
  const terms = termsOfAll(texts, lang);
  if (terms.length === 0) return [];
  const themes = await db
    .selectFrom("suggestion_docs as d")
    .innerJoin("themes as th", "th.id", "d.theme_id")
    .select(["d.theme_id", "d.n", "d.terms"])
    .where("d.lang", "=", lang)
    .where("th.retired_at", "is", null)
    .execute();
  const tagged = themes.reduce((sum, theme) => sum + Number(theme.n), 0);
  if (tagged < MIN_TAGGED) return [];
  const language = await db.selectFrom("suggestion_languages").select("vocabulary").where("lang", "=", lang).executeTakeFirst();
  const smoothed = SMOOTHING * Math.max(Number(language?.vocabulary ?? 0), 1);
  const active = new Set(themes.map((theme) => theme.theme_id));
  const counts = [...(await termCounts(db, lang, terms))].map(([term, byTheme]) => ({
    term,
    byTheme,
    total: [...byTheme].reduce((sum, [id, n]) => (active.has(id) ? sum + n : sum), 0),
  }));
  const allTerms = themes.reduce((sum, theme) => sum + Number(theme.terms), 0);

  const scored = themes.map((theme) => {
    const own = Number(theme.terms) + smoothed;
    const rest = allTerms - Number(theme.terms) + smoothed;
    let logOdds = Math.log((Number(theme.n) + SMOOTHING) / (tagged - Number(theme.n) + SMOOTHING));
    const weighted: { term: string; weight: number }[] = [];
    for (const { term, byTheme, total } of counts) {
      const n = byTheme.get(theme.theme_id) ?? 0;
      // How much more often the term comes with this theme than with the others.
      const weight = Math.log((n + SMOOTHING) / own) - Math.log((total - n + SMOOTHING) / rest);
      logOdds += weight;
      if (n > 0 && weight > 0) weighted.push({ term, weight });
    }
    return { themeId: theme.theme_id, answers: Number(theme.n), logOdds, words: strongestWords(weighted) };
  });
  // Sorted by the odds themselves: several themes can all be near certain.
  return scored
    .sort((a, b) => b.logOdds - a.logOdds || a.themeId - b.themeId)
    .map(({ logOdds, ...theme }) => ({ ...theme, confidence: 1 / (1 + Math.exp(-logOdds)) }));
}

/**
 * Up to three themes for a person to consider, each only above the confidence bar and with the
 * words that led to it. Shown as hints; never applied.
 */
export async function suggestThemes(db: Db, texts: string[], lang: string): Promise<Suggestion[]> {
  const ranked = await rankThemes(db, texts, lang);
  return ranked
    .filter((theme) => theme.confidence >= MIN_CONFIDENCE && theme.answers >= MIN_THEME_ANSWERS && theme.words.length > 0)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ themeId, confidence, words }) => ({ themeId, confidence: Math.round(confidence * 100) / 100, words }));
}
