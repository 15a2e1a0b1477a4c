// Theme suggestions on held-out tags: printed by `npm run bench`; tests/integration/suggestions.test.ts
// asserts only that they beat the majority theme.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DB } from "../../db/connection";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { ensureStartingThemes } from "../../db/seed/themes";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import { countNewResponse } from "../../app/aggregates/counts.server";
import { rankThemes, suggestThemes } from "../../app/moderation/suggestions.server";
import { saveResponse } from "../../app/moderation/tags.server";
import { createSurvey } from "../../app/surveys/create.server";
import { SurveyDefinition } from "../../app/surveys/definition";

export interface LabelledAnswer {
  themes: string[];
  text: string;
}

export interface Corpus {
  lang: string;
  answers: LabelledAnswer[];
}

/** A labelled corpus from tests/fixtures/suggestions (written for the purpose, free of disclosures). */
export function readCorpus(lang = "en"): Corpus {
  const file = path.join(import.meta.dirname, "../fixtures/suggestions", `${lang}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Corpus;
}

/** FNV-1a: the same split on every run and machine, unrelated to the order of the file. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** Holds out a fifth of the answers, chosen by a hash of their words. */
export function splitCorpus(answers: LabelledAnswer[]) {
  const ordered = [...answers].sort((a, b) => hash(a.text) - hash(b.text));
  const held = Math.round(answers.length / 5);
  return { heldOut: ordered.slice(0, held), training: ordered.slice(held) };
}

export interface Place {
  surveyId: number;
  questionId: number;
  userId: number;
}

export interface SuggestionFigures {
  training: number;
  heldOut: number;
  precisionAt1: number;
  precisionAt3: number;
  baselineAt1: number;
  baselineAt3: number;
  /** Of the held-out answers, how many were shown at least one suggestion, and how many shown suggestions were right. */
  shownCoverage: number;
  shownPrecision: number;
  msPerSave: number;
  msPerSuggestion: number;
}

let references = 0;

async function addResponse(db: DB, place: Place, lang: string, text: string) {
  const { id } = await db
    .insertInto("responses")
    .values({
      survey_id: place.surveyId,
      audience: "parent_carer",
      reference: `SUGG${String(++references).padStart(8, "0")}`,
      lang,
      quote_consent: 1,
      submitted_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("answers").values({ response_id: id, question_id: place.questionId, text }).execute();
  await countNewResponse(db, id);
  return id;
}

/**
 * Teaches the model the training answers through the moderator's own save (so the counts are the
 * ones the portal keeps), then ranks the held-out answers against their real themes.
 */
export async function heldOutFigures(db: DB, corpus: Corpus, place: Place): Promise<SuggestionFigures> {
  const themeIds = new Map((await db.selectFrom("themes").select(["id", "slug"]).execute()).map((theme) => [theme.slug, theme.id]));
  const idsOf = (answer: LabelledAnswer) => answer.themes.map((slug) => themeIds.get(slug)!);
  const { training, heldOut } = splitCorpus(corpus.answers);

  let saving = 0;
  for (const answer of training) {
    const id = await addResponse(db, place, corpus.lang, answer.text);
    const started = performance.now();
    await saveResponse(db, id, { themeIds: idsOf(answer), status: "in_review", version: 0 }, place.userId);
    saving += performance.now() - started;
  }

  const frequency = new Map<number, number>();
  for (const answer of training) for (const id of idsOf(answer)) frequency.set(id, (frequency.get(id) ?? 0) + 1);
  const majority = [...frequency].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);

  let [hits1, hits3, base1, base3, covered, shown, shownRight, scoring] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const answer of heldOut) {
    const truth = new Set(idsOf(answer));
    const started = performance.now();
    const ranked = (await rankThemes(db, [answer.text], corpus.lang)).map((theme) => theme.themeId);
    scoring += performance.now() - started;
    hits1 += truth.has(ranked[0]) ? 1 : 0;
    hits3 += ranked.slice(0, 3).filter((id) => truth.has(id)).length;
    base1 += truth.has(majority[0]) ? 1 : 0;
    base3 += majority.slice(0, 3).filter((id) => truth.has(id)).length;
    const suggestions = await suggestThemes(db, [answer.text], corpus.lang);
    covered += suggestions.length > 0 ? 1 : 0;
    shown += suggestions.length;
    shownRight += suggestions.filter((suggestion) => truth.has(suggestion.themeId)).length;
  }
  const n = heldOut.length;
  return {
    training: training.length,
    heldOut: n,
    precisionAt1: hits1 / n,
    precisionAt3: hits3 / (3 * n),
    baselineAt1: base1 / n,
    baselineAt3: base3 / (3 * n),
    shownCoverage: covered / n,
    shownPrecision: shown ? shownRight / shown : 0,
    msPerSave: saving / training.length,
    msPerSuggestion: scoring / n,
  };
}

/** `npm run bench`: a fresh migrated database, the corpus, and the figures printed. */
export async function suggestionsBenchmark() {
  const file = path.join(os.tmpdir(), `suggestions-bench-${process.pid}.sqlite`);
  const db = createDb(file);
  try {
    await migrateToLatest(db, () => {});
    await ensureStartingThemes(db);
    await createSurvey(db, { ...SurveyDefinition.parse(parentsAndCarers), slug: "suggestions-bench" });
    const survey = await db.selectFrom("surveys").select("id").where("slug", "=", "suggestions-bench").executeTakeFirstOrThrow();
    const question = await db.selectFrom("questions").select("id").where("survey_id", "=", survey.id).where("kind", "=", "free_text").executeTakeFirstOrThrow();
    const user = await db
      .insertInto("users")
      .values({ email: "bench@example.org", name: "Bench", role: "moderator", password_hash: "not a password" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const corpus = readCorpus("en");
    const f = await heldOutFigures(db, corpus, { surveyId: survey.id, questionId: question.id, userId: user.id });
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`\ntheme suggestions (naive Bayes, ${corpus.lang}): trained on ${f.training} tagged answers, ${f.heldOut} held out`);
    console.log(
      `  precision@1 ${pct(f.precisionAt1)} (majority theme ${pct(f.baselineAt1)}); precision@3 ${pct(f.precisionAt3)} (three commonest themes ${pct(f.baselineAt3)})`,
    );
    console.log(
      `  as shown (confidence bar, at most 3): ${pct(f.shownCoverage)} of answers get a suggestion; ${pct(f.shownPrecision)} of suggestions are right`,
    );
    console.log(`  learning on save ${f.msPerSave.toFixed(2)} ms per answer; suggesting ${f.msPerSuggestion.toFixed(2)} ms per answer`);
    return f;
  } finally {
    await db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
}
