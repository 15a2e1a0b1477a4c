// The bench dataset's responses, written straight into SQLite with prepared statements in large
// transactions: what a million real submissions, a moderation team and a safeguarding lead leave behind.
import { createHash } from "node:crypto";
import type SQLite from "better-sqlite3";
import { helpers } from "../../db/schema";
import type { Detector } from "../../app/safeguarding/detect";
import { urgencyOfMatches } from "../../app/safeguarding/detect";
import { CODE_ALPHABET } from "../../app/surveys/codes";
import type { QuestionView, SurveyView } from "../../app/surveys/model";
import { answerSurvey, partOf, pickSkewed, pickWeighted, type Answered, type Random, type Respondent } from "./respondents";
import type { WordBank } from "./words";

const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;
const BATCH = 20_000;
export const HELD_SHARE = 0.003;
const CLEARED_SHARE = 0.0005;

/** The portal languages people answer in: English mostly, then the area's community languages. */
const languages = { en: 780, pl: 50, ur: 30, pa: 25, bn: 25, ar: 20, ro: 20, pt: 15, gu: 15, es: 10, it: 10, "en-x-easyread": 0 };

export interface BulkContext {
  surveys: { parent: SurveyView; young: SurveyView };
  /** Theme ids, commonest first. */
  themes: { id: number; slug: string }[];
  staff: { moderator: number; admin: number; lead: number };
  banks: Map<string, WordBank>;
  detector: Detector;
  now: Date;
}

/** Indexes and triggers of the big tables: dropped while loading, made again at the end (one sorted pass each). */
function dropIndexes(sqlite: SQLite.Database, tables: string[]): string[] {
  const rows = sqlite
    .prepare(`select name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${tables.map(() => "?").join(", ")})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const row of rows) sqlite.exec(`drop ${row.sql.trim().toLowerCase().startsWith("create trigger") ? "trigger" : "index"} "${row.name}"`);
  return rows.map((row) => row.sql);
}

/** Twelve characters from the code alphabet, different for every number (n × an odd prime, mod 30¹²). */
function referenceOf(n: number): string {
  const space = 30n ** 12n;
  let value = (BigInt(n) * 1_000_000_007n + 7_919n) % space;
  let code = "";
  for (let i = 0; i < 12; i++) {
    code = CODE_ALPHABET[Number(value % 30n)] + code;
    value /= 30n;
  }
  return code;
}

function statusFor(next: Random, ageDays: number) {
  if (ageDays > 180) return pickWeighted(next, { done: 85, in_review: 10, new: 5 });
  if (ageDays > 30) return pickWeighted(next, { done: 60, in_review: 25, new: 15 });
  return pickWeighted(next, { done: 20, in_review: 30, new: 50 });
}

const taggedShare = { done: 0.95, in_review: 0.75, new: 0.02 };

export interface LoadFigures {
  responses: number;
  answers: number;
  tags: number;
  held: number;
  drafts: number;
}

/**
 * Adds `count` responses spread over three years to `now`, oldest first, with their answers, tags,
 * notes, safeguarding concerns and the drafts of the last 30 days.
 */
export function loadResponses(sqlite: SQLite.Database, context: BulkContext, count: number, next: Random, log: (line: string) => void): LoadFigures {
  const rebuilt = dropIndexes(sqlite, [
    "responses",
    "answers",
    "response_themes",
    "response_notes",
    "drafts",
    "safeguarding_concerns",
    "safeguarding_concern_handovers",
  ]);
  const writer = statements(sqlite);
  const figures: LoadFigures = { responses: 0, answers: 0, tags: 0, held: 0, drafts: 0 };
  const start = context.now.getTime() - SPAN;
  let responseId = (sqlite.prepare("select coalesce(max(id), 0) as id from responses").get() as { id: number }).id;
  let concernId = (sqlite.prepare("select coalesce(max(id), 0) as id from safeguarding_concerns").get() as { id: number }).id;
  const recent: { survey: SurveyView; answered: Answered; lang: string }[] = [];
  const started = performance.now();
  for (let first = 0; first < count; first += BATCH) {
    sqlite.transaction(() => {
      for (let i = first; i < Math.min(count, first + BATCH); i++) {
        const at = new Date(start + ((i + next()) * SPAN) / count);
        const made = oneResponse(writer, context, next, ++responseId, at, i);
        figures.responses++;
        figures.answers += made.answers;
        figures.tags += made.tags;
        if (made.held || made.cleared) {
          writeConcern(writer, context, next, ++concernId, responseId, made);
          if (made.held) figures.held++;
        }
        if (context.now.getTime() - at.getTime() < 30 * DAY) {
          writer.draft.run(
            made.survey.id,
            hashOf(`sent-${responseId}`),
            made.lang,
            "{}",
            responseId,
            at.toISOString(),
            at.toISOString(),
            new Date(at.getTime() + 30 * DAY).toISOString(),
            made.survey.audience,
          );
          figures.drafts++;
          if (next() < 0.35) recent.push({ survey: made.survey, answered: made.answered, lang: made.lang });
        }
      }
    })();
    if ((first / BATCH) % 10 === 9) log(`  ${(first + BATCH).toLocaleString("en-GB")} responses in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  figures.drafts += unsentDrafts(sqlite, writer, context, next, recent);
  log(`  indexes made again (${rebuilt.length})`);
  for (const statement of rebuilt) sqlite.exec(statement);
  return figures;
}

function statements(sqlite: SQLite.Database) {
  return {
    response: sqlite.prepare(
      `insert into responses (id, survey_id, reference, lang, quote_consent, submitted_at, status, version, flagged, possible_concern, helped_by, survey_version, audience)
       values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    ),
    answer: sqlite.prepare(
      "insert into answers (response_id, question_id, choice, text, translation, translated_by, translated_at, question_version) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    tag: sqlite.prepare("insert into response_themes (response_id, theme_id, tagged_by, tagged_at) values (?, ?, ?, ?)"),
    note: sqlite.prepare("insert into response_notes (response_id, user_id, body, created_at) values (?, ?, ?, ?)"),
    concern: sqlite.prepare(
      `insert into safeguarding_concerns (id, response_id, source, raised_by, raised_at, reason, matches, urgency, state, looking_by, looking_since, decision, decided_by, decided_at, closed_by, closed_at, outcome)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    handover: sqlite.prepare(
      "insert into safeguarding_concern_handovers (concern_id, handed_to, handed_over_on, action_taken, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?)",
    ),
    draft: sqlite.prepare(
      "insert into drafts (survey_id, token_hash, lang, answers, response_id, created_at, updated_at, expires_at, audience) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    resumable: sqlite.prepare(
      "insert into drafts (survey_id, token_hash, resume_code_hash, lang, answers, created_at, updated_at, expires_at, audience) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
  };
}
type Writer = ReturnType<typeof statements>;

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");
const iso = (time: number, now: Date) => new Date(Math.min(time, now.getTime())).toISOString();

interface Made {
  survey: SurveyView;
  lang: string;
  answered: Answered;
  at: Date;
  answers: number;
  tags: number;
  held: boolean;
  cleared: boolean;
  /** The free-text answer that worried someone. */
  worrying?: { questionId: number; text: string };
}

function respondentFor(context: BulkContext, next: Random, survey: SurveyView): Respondent {
  const young = survey === context.surveys.young;
  const offered = Object.fromEntries(Object.entries(languages).filter(([lang]) => survey.languages.includes(lang)));
  if (young && survey.languages.includes("en-x-easyread")) offered["en-x-easyread"] = 60;
  const lang = pickWeighted(next, offered);
  return { lang, young, bank: context.banks.get(lang) ?? context.banks.get("en")! };
}

/** Someone who wrote what a safeguarding lead must see: their words replace one free-text answer. */
function worryingAnswer(next: Random, survey: SurveyView, answered: Answered, respondent: Respondent) {
  const box = survey.questions.find((question) => question.kind === "free_text" && question.showIf === null)!;
  const words = respondent.bank.disclosures.length ? respondent.bank.disclosures : ["I do not feel safe at home."];
  const text = words[Math.floor(next() * words.length)];
  answered.answers[String(box.id)] = text;
  answered.texts.set(box.id, { text, english: null, themes: [] });
  return { questionId: box.id, text };
}

function oneResponse(writer: Writer, context: BulkContext, next: Random, id: number, at: Date, n: number): Made {
  const survey = next() < 0.42 ? context.surveys.parent : context.surveys.young;
  const respondent = respondentFor(context, next, survey);
  const answered = answerSurvey(next, survey.questions, respondent);
  const roll = next();
  const held = roll < HELD_SHARE;
  const cleared = !held && roll < HELD_SHARE + CLEARED_SHARE;
  const worrying = held || cleared ? worryingAnswer(next, survey, answered, respondent) : undefined;
  const ageDays = (context.now.getTime() - at.getTime()) / DAY;
  const status = held ? "new" : statusFor(next, ageDays);
  const helped = respondent.young && next() < 0.5 ? pickSkewed(next, helpers) : null;
  writer.response.run(
    id,
    survey.id,
    referenceOf(n),
    respondent.lang,
    next() < 0.6 ? 1 : 0,
    at.toISOString(),
    status,
    held ? 1 : 0,
    held || cleared ? 1 : 0,
    helped,
    survey.version,
    survey.audience,
  );
  const reviewedAt = iso(at.getTime() + (1 + next() * 20) * DAY, context.now);
  const answers = writeAnswers(writer, context, next, id, survey.questions, answered, status === "done" ? reviewedAt : null);
  let tags = 0;
  if (!held && next() < taggedShare[status]) tags = writeTags(writer, context, next, id, answered, reviewedAt);
  if (status !== "new" && next() < 0.01)
    writer.note.run(id, context.staff.moderator, "Spoke to the family's case officer; they will ring back this week.", reviewedAt);
  return { survey, lang: respondent.lang, answered, at, answers, tags, held, cleared, worrying };
}

function writeAnswers(
  writer: Writer,
  context: BulkContext,
  next: Random,
  id: number,
  questions: QuestionView[],
  answered: Answered,
  reviewedAt: string | null,
): number {
  let rows = 0;
  for (const question of questions) {
    const value = answered.answers[String(question.id)];
    if (value === undefined) continue;
    if (question.kind === "free_text") {
      const said = answered.texts.get(question.id);
      const translated = reviewedAt && said?.english && next() < 0.7;
      writer.answer.run(
        id,
        question.id,
        null,
        value as string,
        translated ? said.english : null,
        translated ? context.staff.moderator : null,
        translated ? reviewedAt : null,
        question.version,
      );
      rows++;
      continue;
    }
    for (const choice of Array.isArray(value) ? value : [value]) {
      writer.answer.run(id, question.id, choice, null, null, null, null, question.version);
      rows++;
    }
  }
  return rows;
}

/** A theme or three: what the words say, or (for answers without them) what the moderator read into the choices. */
function writeTags(writer: Writer, context: BulkContext, next: Random, id: number, answered: Answered, at: string): number {
  const said = [...new Set([...answered.texts.values()].flatMap((text) => text.themes))];
  const slugs =
    said.length > 0 ? said.slice(0, 3) : Array.from({ length: 1 + Math.floor(next() * next() * 3) }, () => pickSkewed(next, context.themes, 0.25).slug);
  const ids = [
    ...new Set(slugs.map((slug) => context.themes.find((theme) => theme.slug === slug)?.id).filter((theme): theme is number => theme !== undefined)),
  ];
  for (const theme of ids) writer.tag.run(id, theme, next() < 0.8 ? context.staff.moderator : context.staff.admin, at);
  return ids.length;
}

/**
 * A held response's concern, as far along as a lead would have taken it by now; a cleared one was
 * decided "not a concern" and is back in the queue.
 */
function writeConcern(writer: Writer, context: BulkContext, next: Random, concernId: number, responseId: number, made: Made) {
  const { lead, moderator } = context.staff;
  const matches = made.worrying ? context.detector.find(made.worrying.text).map((match) => ({ ...match, questionId: made.worrying!.questionId })) : [];
  const detected = matches.length > 0;
  const raisedAt = made.at.toISOString();
  const later = iso(made.at.getTime() + (0.2 + next() * 3) * DAY, context.now);
  const urgency = urgencyOfMatches(matches) ?? 1;
  const base = [
    concernId,
    responseId,
    detected ? "detected" : "person",
    detected ? null : moderator,
    raisedAt,
    detected ? null : "Mentions not feeling safe at home.",
    detected ? JSON.stringify(matches) : null,
    urgency,
  ] as const;
  const ageDays = (context.now.getTime() - made.at.getTime()) / DAY;
  const roll = next();
  if (made.cleared) {
    writer.concern.run(...base, "closed", null, null, "not_concern", lead, later, lead, later, "Read in full: a figure of speech about the waiting list.");
    return;
  }
  if (ageDays < 3 || roll < 0.15) writer.concern.run(...base, "new", null, null, null, null, null, null, null, null);
  else if (roll < 0.3) writer.concern.run(...base, "looking", lead, later, null, null, null, null, null, null);
  else {
    const closed = roll > 0.6;
    writer.concern.run(
      ...base,
      closed ? "closed" : "handed_over",
      null,
      null,
      "concern",
      lead,
      later,
      closed ? lead : null,
      closed ? later : null,
      closed ? "Children's Services confirmed the family has an allocated social worker." : null,
    );
    writer.handover.run(
      concernId,
      "Children's Services front door (MASH)",
      later.slice(0, 10),
      "Referred by phone the same day; the duty social worker is following up.",
      lead,
      later,
    );
  }
}

/** People part-way through a survey in the last 30 days; some saved it to finish later with a code. */
function unsentDrafts(
  sqlite: SQLite.Database,
  writer: Writer,
  context: BulkContext,
  next: Random,
  recent: { survey: SurveyView; answered: Answered; lang: string }[],
): number {
  sqlite.transaction(() => {
    recent.forEach((draft, i) => {
      const updated = context.now.getTime() - next() * 30 * DAY;
      const created = updated - next() * 2 * DAY;
      const resume = next() < 0.2 ? hashOf(`resume-${i}`) : null;
      const answers = JSON.stringify(partOf(draft.answered.answers, next));
      writer.resumable.run(
        draft.survey.id,
        hashOf(`unsent-${i}`),
        resume,
        draft.lang,
        answers,
        new Date(created).toISOString(),
        new Date(updated).toISOString(),
        new Date(updated + 30 * DAY).toISOString(),
        draft.survey.audience,
      );
    });
  })();
  return recent.length;
}
