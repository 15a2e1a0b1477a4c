import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, QuestionKind, QuestionSection } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { recountThemes } from "../aggregates/counts.server";
import { finishMerges } from "../moderation/merges.server";
import { fallbackLanguage } from "../i18n/config";
import { exportSurvey } from "./export.server";
import { forgetSurveys } from "./surveys.server";

type Trx = Transaction<Database>;

export const questionKinds: QuestionKind[] = ["single_choice", "multiple_choice", "agreement_scale", "smiley_scale", "free_text", "yes_no"];
export const isChoice = (kind: QuestionKind) => kind === "single_choice" || kind === "multiple_choice";

/** A question as the builder's form gives it: English only; other languages are added beside it. */
export interface QuestionInput {
  key: string;
  kind: QuestionKind;
  section: QuestionSection;
  required: boolean;
  /** Shown on the same page as the question before it. */
  samePage: boolean;
  maxLength: number | null;
  themeId: number | null;
  /** Shown only when an earlier single-choice question has this answer. */
  showIf: { questionId: number; value: string } | null;
  text: string;
  hint: string | null;
  /** Existing options keep their value; new ones have none and get one made from the label. An exit text ends the survey there. */
  options: { value: string | null; label: string; exclusive: boolean; exit: string | null }[];
}

/** Why a question could not be saved, as a field and a message key under `builder.errors`, with the words it names. */
export type QuestionRefusal = { field: string; message: string; params?: Record<string, string> };

export type SaveResult = { status: "saved"; questionId: number; newVersion: boolean } | { status: "refused"; refusal: QuestionRefusal };

/**
 * A name made from words, unique among `taken` (and added to it): an option's value from its label
 * ("Not sure" → "not_sure"), or a question's key from its text, its first words joined by dashes.
 */
export function nameFrom(text: string, taken: Set<string>, { joiner, words, fallback }: { joiner: "_" | "-"; words?: number; fallback: string }): string {
  const parts = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, words);
  const base = parts.join(joiner).slice(0, 40) || fallback;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${joiner}${n}`;
  taken.add(name);
  return name;
}

interface StoredQuestion {
  id: number;
  key: string;
  kind: QuestionKind;
  position: number;
  version: number;
  text: string;
  hint: string | null;
  options: { id: number; value: string; label: string; exclusive: boolean; exit: string | null }[];
}

async function storedQuestion(trx: Trx, surveyId: number, questionId: number): Promise<StoredQuestion | undefined> {
  const question = await trx
    .selectFrom("questions as q")
    .leftJoin("question_translations as t", (join) => join.onRef("t.question_id", "=", "q.id").on("t.lang", "=", fallbackLanguage))
    .select(["q.id", "q.key", "q.kind", "q.position", "q.version", "t.text", "t.hint"])
    .where("q.id", "=", questionId)
    .where("q.survey_id", "=", surveyId)
    .where("q.removed_at", "is", null)
    .executeTakeFirst();
  if (!question) return undefined;
  const options = await trx
    .selectFrom("question_options as o")
    .leftJoin("option_translations as t", (join) => join.onRef("t.option_id", "=", "o.id").on("t.lang", "=", fallbackLanguage))
    .select(["o.id", "o.value", "o.exclusive", "t.label", "t.exit_text"])
    .where("o.question_id", "=", questionId)
    .where("o.retired_at", "is", null)
    .orderBy("o.position")
    .execute();
  return {
    ...question,
    text: question.text ?? "",
    options: options.map((option) => ({
      id: option.id,
      value: option.value,
      label: option.label ?? "",
      exclusive: option.exclusive === 1,
      exit: option.exit_text,
    })),
  };
}

/**
 * Starts a new survey version when anyone has answered, or is answering, the current one: the
 * survey as it stands is kept whole, so their answers keep the wording they were given, and
 * unsent drafts finish on it. Nothing happens while nobody has.
 */
async function beginVersionIfAnswered(trx: Trx, surveyId: number, userId: number, now: Date): Promise<void> {
  const survey = await trx.selectFrom("surveys").select(["slug", "version"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
  const answered = await trx
    .selectFrom("responses")
    .select("id")
    .where("survey_id", "=", surveyId)
    .where("survey_version", "=", survey.version)
    .unionAll(
      trx
        .selectFrom("drafts")
        .select("id")
        .where("survey_id", "=", surveyId)
        .where("survey_version", "=", survey.version)
        .where("response_id", "is", null)
        .where("expires_at", ">", now.toISOString()),
    )
    .limit(1)
    .executeTakeFirst();
  if (!answered) return;
  const file = await exportSurvey(trx, survey.slug);
  await trx
    .insertInto("survey_versions")
    .values({ survey_id: surveyId, version: survey.version, definition: JSON.stringify(file), replaced_at: now.toISOString(), replaced_by: userId })
    .execute();
  await trx
    .updateTable("surveys")
    .set({ version: survey.version + 1 })
    .where("id", "=", surveyId)
    .execute();
  await audit(trx, { userId, action: "survey.version", entity: "survey", entityId: surveyId, after: { version: survey.version + 1 } }, now);
}

/** Whether any answer was given to the question's current wording. */
async function hasAnswers(trx: Trx, question: Pick<StoredQuestion, "id" | "version">): Promise<boolean> {
  const row = await trx
    .selectFrom("answers")
    .select("id")
    .where("question_id", "=", question.id)
    .where("question_version", "=", question.version)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the survey has ever had a response: from then on questions and options are retired, never deleted. */
async function everAnswered(trx: Trx, surveyId: number): Promise<boolean> {
  const row = await trx.selectFrom("responses").select("id").where("survey_id", "=", surveyId).limit(1).executeTakeFirst();
  const versions = await trx.selectFrom("survey_versions").select("version").where("survey_id", "=", surveyId).limit(1).executeTakeFirst();
  return row !== undefined || versions !== undefined;
}

/**
 * A condition must name an option of an earlier, present, single-choice question. Checked here as
 * well as in the form, because a form can be posted by hand and a question can move.
 */
async function conditionRefusal(
  trx: Trx,
  surveyId: number,
  position: number,
  showIf: QuestionInput["showIf"],
  samePage: boolean,
): Promise<QuestionRefusal | undefined> {
  if (!showIf) return undefined;
  const before = await trx
    .selectFrom("questions")
    .select(["id", "same_page"])
    .where("survey_id", "=", surveyId)
    .where("removed_at", "is", null)
    .where("position", "<", position)
    .orderBy("position", "desc")
    .execute();
  // The questions on this question's own page, before it: a page cannot change as it is filled in without JavaScript.
  const page: number[] = [];
  let joined = samePage;
  for (const earlier of before) {
    if (!joined) break;
    page.push(earlier.id);
    joined = earlier.same_page === 1;
  }
  const target = await trx
    .selectFrom("questions as q")
    .leftJoin("question_translations as t", (join) => join.onRef("t.question_id", "=", "q.id").on("t.lang", "=", fallbackLanguage))
    .select(["q.id", "q.kind", "q.position", "q.removed_at", "t.text"])
    .where("q.id", "=", showIf.questionId)
    .where("q.survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!target || target.removed_at !== null) return { field: "showIf", message: "conditionRemoved" };
  const name = target.text ?? "";
  if (target.position >= position) return { field: "showIf", message: "conditionForward", params: { question: name } };
  if (page.includes(target.id)) return { field: "showIf", message: "conditionSamePage", params: { question: name } };
  const option = await trx
    .selectFrom("question_options")
    .select("id")
    .where("question_id", "=", target.id)
    .where("value", "=", showIf.value)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (target.kind !== "single_choice" || !option) return { field: "showIf", message: "conditionValue", params: { question: name } };
  return undefined;
}

function refusalFor(input: QuestionInput): QuestionRefusal | undefined {
  const choice = isChoice(input.kind);
  if (choice && input.options.length < 2) return { field: "options", message: "optionsNeeded" };
  if (input.section === "about_you" && input.required) return { field: "required", message: "aboutYouOptional" };
  const labels = input.options.map((option) => option.label.trim().toLowerCase());
  if (new Set(labels).size !== labels.length) return { field: "options", message: "optionsRepeated" };
  if (input.kind !== "single_choice" && input.options.some((option) => option.exit)) return { field: "options", message: "exitOneAnswer" };
  return undefined;
}

/** Whether the change alters what the question asks: its kind, its English words, or its options. */
function changesMeaning(before: StoredQuestion, input: QuestionInput): boolean {
  if (before.kind !== input.kind || before.text !== input.text || (before.hint ?? null) !== input.hint) return true;
  const options = isChoice(input.kind) ? input.options : [];
  if (options.length !== before.options.length) return true;
  return options.some((option, index) => option.value !== before.options[index].value || option.label !== before.options[index].label);
}

/**
 * Adds a question at the end, or changes one. Once the question's wording has answers, a change
 * to what it asks makes a new version of it (unless marked as a typo fix, which the audit log
 * records), the translations of the changed words are dropped until someone translates them
 * again, and options that were chosen are retired rather than deleted.
 */
export async function saveQuestion(
  db: DB,
  surveyId: number,
  questionId: number | null,
  input: QuestionInput,
  { userId, typoOnly = false, now = new Date() }: { userId: number; typoOnly?: boolean; now?: Date },
): Promise<SaveResult> {
  const refused = refusalFor(input);
  if (refused) return { status: "refused", refusal: refused };
  const result = await db.transaction().execute(async (trx): Promise<SaveResult> => {
    if (questionId === null) return addQuestion(trx, surveyId, input, userId, now);
    const before = await storedQuestion(trx, surveyId, questionId);
    if (!before) return { status: "refused", refusal: { field: "key", message: "questionGone" } };
    const condition = await conditionRefusal(trx, surveyId, before.position, input.showIf, input.samePage);
    if (condition) return { status: "refused", refusal: condition };
    const meaning = changesMeaning(before, input);
    const newVersion = meaning && !typoOnly && (await hasAnswers(trx, before));
    if (meaning && !typoOnly) await beginVersionIfAnswered(trx, surveyId, userId, now);
    const version = newVersion ? before.version + 1 : before.version;
    const { theme_id: themeBefore } = await trx.selectFrom("questions").select("theme_id").where("id", "=", before.id).executeTakeFirstOrThrow();
    await trx
      .updateTable("questions")
      .set({
        kind: input.kind,
        section: input.section,
        required: input.required ? 1 : 0,
        same_page: input.samePage ? 1 : 0,
        max_length: input.kind === "free_text" ? input.maxLength : null,
        theme_id: input.themeId,
        show_if_question_id: input.showIf?.questionId ?? null,
        show_if_value: input.showIf?.value ?? null,
        version,
      })
      .where("id", "=", before.id)
      .execute();
    // Answers already given now raise the new theme, and no longer the old one.
    if (themeBefore !== input.themeId) {
      const themes = [themeBefore, input.themeId].filter((id) => id !== null);
      // A merge under way counts part of its responses for each theme: finish it, then count.
      await finishMerges(trx, themes);
      await recountThemes(trx, themes);
    }
    await writeWording(trx, before, input, { dropTranslations: meaning && !typoOnly });
    await writeOptions(trx, before, input, { dropTranslations: !typoOnly, now });
    const action = !meaning
      ? "survey.question.changed"
      : typoOnly
        ? "survey.question.typo"
        : newVersion
          ? "survey.question.new_version"
          : "survey.question.changed";
    await audit(trx, { userId, action, entity: "survey", entityId: surveyId, after: { question: before.key, version } }, now);
    return { status: "saved", questionId: before.id, newVersion };
  });
  await forgetSurveys(db);
  return result;
}

async function addQuestion(trx: Trx, surveyId: number, input: QuestionInput, userId: number, now: Date): Promise<SaveResult> {
  const taken = await trx.selectFrom("questions").select("id").where("survey_id", "=", surveyId).where("key", "=", input.key).executeTakeFirst();
  if (taken) return { status: "refused", refusal: { field: "key", message: "keyTaken", params: { key: input.key } } };
  const last = await trx
    .selectFrom("questions")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  const position = Number(last?.position ?? 0) + 1;
  const condition = await conditionRefusal(trx, surveyId, position, input.showIf, input.samePage);
  if (condition) return { status: "refused", refusal: condition };
  // Someone halfway through keeps the questions they started with.
  await beginVersionIfAnswered(trx, surveyId, userId, now);
  const { id } = await trx
    .insertInto("questions")
    .values({
      survey_id: surveyId,
      key: input.key,
      position,
      kind: input.kind,
      section: input.section,
      required: input.required ? 1 : 0,
      same_page: input.samePage ? 1 : 0,
      max_length: input.kind === "free_text" ? input.maxLength : null,
      theme_id: input.themeId,
      show_if_question_id: input.showIf?.questionId ?? null,
      show_if_value: input.showIf?.value ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const created: StoredQuestion = { id, key: input.key, kind: input.kind, position, version: 1, text: "", hint: null, options: [] };
  await writeWording(trx, created, input, { dropTranslations: false });
  await writeOptions(trx, created, input, { dropTranslations: false, now });
  await audit(trx, { userId, action: "survey.question.added", entity: "survey", entityId: surveyId, after: { question: input.key } }, now);
  return { status: "saved", questionId: id, newVersion: false };
}

async function writeWording(trx: Trx, before: StoredQuestion, input: QuestionInput, { dropTranslations }: { dropTranslations: boolean }) {
  await trx
    .insertInto("question_translations")
    .values({ question_id: before.id, lang: fallbackLanguage, text: input.text, hint: input.hint })
    .onConflict((oc) => oc.columns(["question_id", "lang"]).doUpdateSet({ text: input.text, hint: input.hint }))
    .execute();
  if (dropTranslations && (before.text !== input.text || (before.hint ?? null) !== input.hint)) {
    // A translation of words that have changed would say something else: the language waits for a new one.
    await trx.deleteFrom("question_translations").where("question_id", "=", before.id).where("lang", "!=", fallbackLanguage).execute();
  }
}

/** Options in the order given: kept ones updated, new ones added, dropped ones retired if chosen, else deleted. */
async function writeOptions(trx: Trx, before: StoredQuestion, input: QuestionInput, { dropTranslations, now }: { dropTranslations: boolean; now: Date }) {
  const wanted = isChoice(input.kind) ? input.options : [];
  const existing = new Map(before.options.map((option) => [option.value, option]));
  const taken = new Set(before.options.map((option) => option.value));
  const kept = new Set<string>();
  // Positions move out of the way first, so the new order never collides with the old.
  await trx
    .updateTable("question_options")
    .set((eb) => ({ position: eb.neg(eb.ref("position")) }))
    .where("question_id", "=", before.id)
    .where("retired_at", "is", null)
    .execute();
  for (const [index, option] of wanted.entries()) {
    const old = option.value ? existing.get(option.value) : undefined;
    if (old) {
      kept.add(old.value);
      await trx
        .updateTable("question_options")
        .set({ position: index + 1, exclusive: option.exclusive ? 1 : 0 })
        .where("id", "=", old.id)
        .execute();
      await trx
        .updateTable("option_translations")
        .set({ label: option.label, exit_text: option.exit })
        .where("option_id", "=", old.id)
        .where("lang", "=", fallbackLanguage)
        .execute();
      if (dropTranslations && old.label !== option.label) {
        await trx.deleteFrom("option_translations").where("option_id", "=", old.id).where("lang", "!=", fallbackLanguage).execute();
      } else if (dropTranslations && old.exit !== option.exit) {
        // The exit page's words changed: its translations wait for someone to do them again.
        await trx.updateTable("option_translations").set({ exit_text: null }).where("option_id", "=", old.id).where("lang", "!=", fallbackLanguage).execute();
      }
      continue;
    }
    const { id } = await trx
      .insertInto("question_options")
      .values({
        question_id: before.id,
        value: nameFrom(option.label, taken, { joiner: "_", fallback: "option" }),
        position: index + 1,
        exclusive: option.exclusive ? 1 : 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("option_translations").values({ option_id: id, lang: fallbackLanguage, label: option.label, exit_text: option.exit }).execute();
  }
  for (const option of before.options.filter((candidate) => !kept.has(candidate.value))) {
    const chosen = await trx
      .selectFrom("answers")
      .select("id")
      .where("question_id", "=", before.id)
      .where("choice", "=", option.value)
      .limit(1)
      .executeTakeFirst();
    // A retired option keeps a position of its own, far below any live one.
    if (chosen)
      await trx
        .updateTable("question_options")
        .set({ retired_at: now.toISOString(), position: -1_000_000 - option.id })
        .where("id", "=", option.id)
        .execute();
    else await trx.deleteFrom("question_options").where("id", "=", option.id).execute();
  }
}

/** Whether every condition in this order rests on a question on an earlier page. */
function conditionsRestOnEarlierPages(order: { id: number; same_page: number; show_if_question_id: number | null }[]): boolean {
  let page = 0;
  const pageOf = new Map<number, number>();
  order.forEach((question, index) => {
    if (index > 0 && question.same_page !== 1) page++;
    pageOf.set(question.id, page);
  });
  return order.every(
    (question) => question.show_if_question_id === null || (pageOf.get(question.show_if_question_id) ?? Infinity) < (pageOf.get(question.id) ?? 0),
  );
}

/** Moves a question one place up or down among the questions still in the survey. */
export async function moveQuestion(
  db: DB,
  surveyId: number,
  questionId: number,
  direction: "up" | "down",
  userId: number,
): Promise<QuestionRefusal | undefined> {
  const refusal = await db.transaction().execute(async (trx): Promise<QuestionRefusal | undefined> => {
    const questions = await trx
      .selectFrom("questions")
      .select(["id", "key", "position", "show_if_question_id", "same_page"])
      .where("survey_id", "=", surveyId)
      .where("removed_at", "is", null)
      .orderBy("position")
      .execute();
    const index = questions.findIndex((question) => question.id === questionId);
    const other = questions[direction === "up" ? index - 1 : index + 1];
    if (index === -1 || !other) return undefined;
    const [first, second] = direction === "up" ? [other, questions[index]] : [questions[index], other];
    // A question cannot move above the question its condition depends on, nor onto its page.
    if (second.show_if_question_id === first.id) return { field: "move", message: "moveAboveCondition" };
    const order = questions.map((question) => (question.id === first.id ? second : question.id === second.id ? first : question));
    if (!conditionsRestOnEarlierPages(order)) return { field: "move", message: "moveAboveCondition" };
    // Out of the way first: positions are unique, and retired questions hold the small negative ones.
    await trx.updateTable("questions").set({ position: -2_000_000_000 }).where("id", "=", first.id).execute();
    await trx.updateTable("questions").set({ position: first.position }).where("id", "=", second.id).execute();
    await trx.updateTable("questions").set({ position: second.position }).where("id", "=", first.id).execute();
    await audit(trx, { userId, action: "survey.question.moved", entity: "survey", entityId: surveyId, after: { question: questions[index].key, direction } });
    return undefined;
  });
  await forgetSurveys(db);
  return refusal;
}

/**
 * Takes a question out of the survey. A question that a later one depends on stays until that
 * condition goes. Once the survey has had responses the question is retired, so its answers keep it.
 */
export async function removeQuestion(db: DB, surveyId: number, questionId: number, userId: number, now = new Date()): Promise<QuestionRefusal | undefined> {
  const refusal = await db.transaction().execute(async (trx): Promise<QuestionRefusal | undefined> => {
    const question = await storedQuestion(trx, surveyId, questionId);
    if (!question) return undefined;
    const dependent = await trx
      .selectFrom("questions as q")
      .leftJoin("question_translations as t", (join) => join.onRef("t.question_id", "=", "q.id").on("t.lang", "=", fallbackLanguage))
      .select("t.text")
      .where("q.show_if_question_id", "=", questionId)
      .where("q.removed_at", "is", null)
      .executeTakeFirst();
    if (dependent) return { field: "remove", message: "removeDependedOn", params: { question: dependent.text ?? "" } };
    const rest = await trx
      .selectFrom("questions")
      .select(["id", "same_page", "show_if_question_id"])
      .where("survey_id", "=", surveyId)
      .where("removed_at", "is", null)
      .where("id", "!=", questionId)
      .orderBy("position")
      .execute();
    if (!conditionsRestOnEarlierPages(rest)) return { field: "remove", message: "moveAboveCondition" };
    await beginVersionIfAnswered(trx, surveyId, userId, now);
    if (await everAnswered(trx, surveyId)) {
      // Retired questions keep a position no live question uses, below all of them.
      const lowest = await trx
        .selectFrom("questions")
        .select((eb) => eb.fn.min("position").as("position"))
        .where("survey_id", "=", surveyId)
        .executeTakeFirst();
      await trx
        .updateTable("questions")
        .set({ removed_at: now.toISOString(), position: Math.min(0, Number(lowest?.position ?? 0)) - 1 })
        .where("id", "=", questionId)
        .execute();
    } else {
      await trx.deleteFrom("questions").where("id", "=", questionId).execute();
    }
    await audit(trx, { userId, action: "survey.question.removed", entity: "survey", entityId: surveyId, after: { question: question.key } }, now);
    return undefined;
  });
  await forgetSurveys(db);
  return refusal;
}
