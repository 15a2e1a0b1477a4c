import type { DB } from "../../db/connection";
import { acrossSpans } from "../aggregates/spans";
import type { Audience, PopulationDimension } from "../../db/schema";
import { populationDimensions } from "../../db/schema";
import { fallbackLanguage } from "../i18n/config";
import { answerGroups } from "./population-groups";
import { populationOf, type StoredPopulation } from "./population.server";
import { judge, SMALLEST_JUDGED_GROUP, wilsonInterval, type Judgement } from "./wilson";

/**
 * "Who we are not hearing from": for each breakdown of the period's local population that a survey
 * question is compared with, how many respondents are in each group, their share with a 95% Wilson
 * interval, and the group's share of the population. Held (flagged) responses never count; "Prefer
 * not to say", "Not sure", answers with no group and unanswered questions count towards no group.
 */

export interface RepresentationFilters {
  periodId: number;
  surveyId?: number | null;
  audience?: Audience | null;
}

export interface RepresentationRow {
  /** The survey's words for the answers in this group (English, as staff pages show survey words). */
  labels: string[];
  /** The population groups these answers stand for. */
  keys: string[];
  respondents: number;
  /** Null when nobody answered the question. */
  share: number | null;
  low: number | null;
  high: number | null;
  /** Pupils in the group, or null when the file did not publish a count it needs. */
  population: number | null;
  populationShare: number | null;
  /** How many respondents the group would have if it were in line with the population. */
  expected: number | null;
  judgement: Judgement;
}

export interface RepresentationTable {
  id: string;
  dimension: PopulationDimension;
  surveys: string[];
  questions: string[];
  /** Responses to the surveys asking it, in the period. */
  responses: number;
  /** Respondents whose answer counts towards a group: the base of every share. */
  answered: number;
  /** Respondents who answered with "Prefer not to say", "Not sure" or an answer with no group. */
  notCounted: number;
  unanswered: number;
  /** Pupils in the groups this question offers, or null when the population has no such breakdown or does not publish them all. */
  populationTotal: number | null;
  /** Some group's count is not published (c, low, x), so no share of the population can be worked out. */
  unpublished: boolean;
  rows: RepresentationRow[];
}

export type Representation =
  | { status: "noPeriod" }
  | { status: "noPopulation"; periodId: number }
  | {
      status: "ready";
      periodId: number;
      laName: string;
      sources: { dimension: PopulationDimension; timePeriod: string; fileName: string }[];
      tables: RepresentationTable[];
      smallest: number;
    };

interface ComparedQuestion {
  id: number;
  surveyId: number;
  dimension: PopulationDimension;
  survey: string;
  text: string;
  options: { value: string; label: string }[];
}

async function comparedQuestions(db: DB, surveyId: number | null | undefined): Promise<ComparedQuestion[]> {
  let query = db
    .selectFrom("population_questions as pq")
    .innerJoin("questions as q", "q.id", "pq.question_id")
    .innerJoin("surveys as s", "s.id", "q.survey_id")
    .leftJoin("survey_translations as st", (join) => join.onRef("st.survey_id", "=", "s.id").on("st.lang", "=", fallbackLanguage))
    .leftJoin("question_translations as qt", (join) => join.onRef("qt.question_id", "=", "q.id").on("qt.lang", "=", fallbackLanguage))
    .select(["q.id", "q.survey_id", "pq.dimension", "s.slug", "st.title", "q.key", "qt.text"])
    .where("q.section", "=", "about_you")
    .where("q.kind", "=", "single_choice");
  if (surveyId) query = query.where("q.survey_id", "=", surveyId);
  const questions = await query.orderBy("s.id").orderBy("q.position").execute();
  const options = await db
    .selectFrom("question_options as o")
    .innerJoin("population_questions as pq", "pq.question_id", "o.question_id")
    .leftJoin("option_translations as ot", (join) => join.onRef("ot.option_id", "=", "o.id").on("ot.lang", "=", fallbackLanguage))
    .select(["o.question_id", "o.value", "ot.label"])
    .orderBy("o.position")
    .execute();
  return questions.map((question) => ({
    id: question.id,
    surveyId: question.survey_id,
    dimension: question.dimension,
    survey: question.title ?? question.slug,
    text: question.text ?? question.key,
    options: options.filter((option) => option.question_id === question.id).map((option) => ({ value: option.value, label: option.label ?? option.value })),
  }));
}

/** Answers to the compared questions in the period, counted by question and answer; held responses never count. */
async function answerCounts(db: DB, period: { starts_on: string; ends_on: string }, filters: RepresentationFilters) {
  const compared = await db
    .selectFrom("population_questions as pq")
    .innerJoin("questions as q", "q.id", "pq.question_id")
    .select("q.id")
    .$if(Boolean(filters.surveyId), (query) => query.where("q.survey_id", "=", filters.surveyId!))
    .execute();
  if (compared.length === 0) return [];
  const rows = await acrossSpans(period.starts_on, period.ends_on, "span", (inSpan) =>
    db
      .selectFrom("answer_counts")
      .select(["question_id", "choice", (eb) => eb.fn.sum<number>("n").as("n")])
      .where(
        "question_id",
        "in",
        compared.map((question) => question.id),
      )
      .where(inSpan)
      .where("choice", "!=", "")
      .$if(Boolean(filters.audience), (query) => query.where("audience", "=", filters.audience!))
      .groupBy(["question_id", "choice"])
      .execute(),
  );
  const counts = new Map<string, { questionId: number; choice: string; n: number }>();
  for (const row of rows) {
    const key = `${row.question_id}|${row.choice}`;
    const count = counts.get(key) ?? { questionId: row.question_id, choice: row.choice, n: 0 };
    count.n += Number(row.n);
    counts.set(key, count);
  }
  return [...counts.values()];
}

/** Responses in the period to each survey that asks a compared question. */
async function responseCounts(db: DB, period: { starts_on: string; ends_on: string }, filters: RepresentationFilters) {
  const rows = await db
    .selectFrom("response_counts as c")
    .select(["c.survey_id", (eb) => eb.fn.sum<number>("c.n").as("n")])
    .where("c.day", ">=", period.starts_on)
    .where("c.day", "<=", period.ends_on)
    .where("c.survey_id", "in", db.selectFrom("population_questions as pq").innerJoin("questions as q", "q.id", "pq.question_id").select("q.survey_id"))
    .$if(Boolean(filters.surveyId), (query) => query.where("c.survey_id", "=", filters.surveyId!))
    .$if(Boolean(filters.audience), (query) => query.where("c.audience", "=", filters.audience!))
    .groupBy("c.survey_id")
    .execute();
  return new Map(rows.map((row) => [row.survey_id, Number(row.n)]));
}

/** A comparison group: the population groups it stands for, as one key ("primary+secondary"). */
const groupId = (keys: string[]) => [...keys].sort().join("+");

/** The groups a question offers, in its options' order; questions offering the same groups share a table. */
function scheme(question: ComparedQuestion): { id: string; groups: Map<string, { keys: string[]; labels: string[] }> } {
  const groups = new Map<string, { keys: string[]; labels: string[] }>();
  for (const option of question.options) {
    const keys = answerGroups(question.dimension, option.value);
    if (!keys) continue;
    const group = groups.get(groupId(keys)) ?? { keys, labels: [] };
    if (!group.labels.includes(option.label)) group.labels.push(option.label);
    groups.set(groupId(keys), group);
  }
  return { id: `${question.dimension}:${[...groups.keys()].join(",")}`, groups };
}

export async function loadRepresentation(db: DB, filters: RepresentationFilters): Promise<Representation> {
  const period = await db.selectFrom("periods").select(["id", "starts_on", "ends_on"]).where("id", "=", filters.periodId).executeTakeFirst();
  if (!period) return { status: "noPeriod" };
  const population = await populationOf(db, period.id);
  if (!population) return { status: "noPopulation", periodId: period.id };
  const [questions, answers, responses] = await Promise.all([
    comparedQuestions(db, filters.surveyId),
    answerCounts(db, period, filters),
    responseCounts(db, period, filters),
  ]);

  const tables = new Map<
    string,
    { dimension: PopulationDimension; questions: ComparedQuestion[]; groups: Map<string, { keys: string[]; labels: string[] }> }
  >();
  for (const question of questions) {
    const { id, groups } = scheme(question);
    const table = tables.get(id) ?? { dimension: question.dimension, questions: [], groups };
    for (const [key, group] of groups)
      for (const label of group.labels) if (!table.groups.get(key)!.labels.includes(label)) table.groups.get(key)!.labels.push(label);
    table.questions.push(question);
    tables.set(id, table);
  }
  const built = [...tables].map(([id, table]) => buildTable(id, table, answers, responses, population));
  built.sort((a, b) => populationDimensions.indexOf(a.dimension) - populationDimensions.indexOf(b.dimension));
  return {
    status: "ready",
    periodId: period.id,
    laName: population.laName,
    sources: population.dimensions.map((source) => ({ dimension: source.dimension, timePeriod: source.time_period, fileName: source.file_name })),
    tables: built,
    smallest: SMALLEST_JUDGED_GROUP,
  };
}

function buildTable(
  id: string,
  table: { dimension: PopulationDimension; questions: ComparedQuestion[]; groups: Map<string, { keys: string[]; labels: string[] }> },
  answers: { questionId: number; choice: string; n: number }[],
  responses: Map<number, number>,
  population: StoredPopulation,
): RepresentationTable {
  const asked = new Set(table.questions.map((question) => question.id));
  const respondents = new Map<string, number>();
  let notCounted = 0;
  for (const answer of answers.filter((row) => asked.has(row.questionId))) {
    const keys = answerGroups(table.dimension, answer.choice);
    const key = keys ? groupId(keys) : null;
    if (key && table.groups.has(key)) respondents.set(key, (respondents.get(key) ?? 0) + answer.n);
    else notCounted += answer.n;
  }
  const answered = [...respondents.values()].reduce((sum, n) => sum + n, 0);
  const total = [...new Set(table.questions.map((question) => question.surveyId))].reduce((sum, surveyId) => sum + (responses.get(surveyId) ?? 0), 0);

  const held = population.dimensions.some((source) => source.dimension === table.dimension);
  const counts = new Map(population.groups.filter((group) => group.dimension === table.dimension).map((group) => [group.key, group.count]));
  const pupils = (keys: string[]) => (keys.some((key) => counts.get(key) === null) ? null : keys.reduce((sum, key) => sum + (counts.get(key) ?? 0), 0));
  const offered = [...new Set([...table.groups.values()].flatMap((group) => group.keys))];
  const unpublished = held && offered.some((key) => counts.get(key) === null);
  const populationTotal = held && !unpublished ? offered.reduce((sum, key) => sum + (counts.get(key) ?? 0), 0) : null;

  const rows = [...table.groups].map(([key, group]): RepresentationRow => {
    const n = respondents.get(key) ?? 0;
    const interval = answered > 0 ? wilsonInterval(n, answered) : null;
    const inGroup = held ? pupils(group.keys) : null;
    const populationShare = inGroup !== null && populationTotal ? inGroup / populationTotal : null;
    return {
      labels: group.labels,
      keys: group.keys,
      respondents: n,
      share: interval?.share ?? null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      population: inGroup,
      populationShare,
      expected: populationShare !== null ? answered * populationShare : null,
      judgement: judge(n, answered, populationShare),
    };
  });
  return {
    id,
    dimension: table.dimension,
    surveys: [...new Set(table.questions.map((question) => question.survey))],
    questions: [...new Set(table.questions.map((question) => question.text))],
    responses: total,
    answered,
    notCounted,
    unanswered: Math.max(0, total - answered - notCounted),
    populationTotal,
    unpublished,
    rows,
  };
}
