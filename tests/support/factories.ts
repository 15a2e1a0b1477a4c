import { countNewResponse, withCounts } from "../../app/aggregates/counts.server";
import type { DB } from "../../db/connection";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import youngPeople from "../../db/seed/surveys/young-people.survey.json";
import { createSurvey } from "../../app/surveys/create.server";
import { SurveyDefinition, type SurveyDefinitionInput } from "../../app/surveys/definition";
import type { Role, SurveyAudience } from "../../db/schema";
import { startSession } from "../../app/accounts/session.server";
import { createUser } from "../../app/accounts/users.server";
import { generateCode } from "../../app/surveys/codes";
import { getSurvey } from "../../app/surveys/surveys.server";

let counter = 0;

/** The demo surveys' own files, every language in them, as the demo loads them. */
export const parentSurvey = SurveyDefinition.parse(parentsAndCarers);
export const youngPeopleSurvey = SurveyDefinition.parse(youngPeople);

/** The demo surveys under a fresh slug, so tests in one file never collide. */
export async function createParentSurvey(db: DB, overrides: Partial<SurveyDefinitionInput> = {}) {
  const slug = `parents-${++counter}`;
  await createSurvey(db, { ...parentSurvey, slug, ...overrides });
  return slug;
}

export async function createYoungPeopleSurvey(db: DB, overrides: Partial<SurveyDefinitionInput> = {}) {
  const slug = `young-${++counter}`;
  await createSurvey(db, { ...youngPeopleSurvey, slug, ...overrides });
  return slug;
}

/** A small survey with one of each kind, for validation tests. */
export async function createEveryKindSurvey(db: DB, audience: SurveyAudience = "parent_carer") {
  const slug = `every-kind-${++counter}`;
  await createSurvey(db, {
    slug,
    audience,
    estimatedMinutes: 2,
    text: { en: { title: "Every kind of question", summary: "A test survey.", description: "For tests." } },
    questions: [
      {
        key: "route",
        kind: "single_choice",
        required: true,
        text: { en: { text: "Which way?" } },
        options: [
          { value: "left", label: { en: "Left" } },
          { value: "right", label: { en: "Right" } },
        ],
      },
      { key: "left-only", kind: "yes_no", required: true, showIf: { question: "route", value: "left" }, text: { en: { text: "Only for left?" } } },
      { key: "agree", kind: "agreement_scale", required: true, theme: "communication", text: { en: { text: "I get replies." } } },
      { key: "faces", kind: "smiley_scale", text: { en: { text: "How is school?" } } },
      {
        key: "many",
        kind: "multiple_choice",
        text: { en: { text: "Which apply?" } },
        options: [
          { value: "a", label: { en: "A" } },
          { value: "b", label: { en: "B" } },
        ],
      },
      { key: "words", kind: "free_text", maxLength: 20, text: { en: { text: "Anything else?" } } },
      {
        key: "age",
        kind: "multiple_choice",
        section: "about_you",
        text: { en: { text: "Ages?" } },
        options: [
          { value: "young", label: { en: "Young" } },
          { value: "old", label: { en: "Old" } },
        ],
      },
    ],
  });
  return slug;
}

let people = 0;

/** A member of staff with a signed-in session; `cookie` is the Cookie header their browser would send. */
export async function createStaff(db: DB, role: Role, organisation: "council" | "pcf" = "council") {
  const n = ++people;
  const email = `${role}.${n}@example.org`;
  const password = `correct horse battery ${n}`;
  const id = await createUser(db, { email, name: `${role} ${n}`, role, organisation, password }, null);
  const setCookie = await startSession(db, id);
  const cookie = setCookie.split(";")[0];
  const session = await db.selectFrom("sessions").select("csrf_token").where("user_id", "=", id).executeTakeFirstOrThrow();
  return { id, email, password, cookie, csrf: session.csrf_token };
}

/** A submitted response with the given answers (question key → value), as moderators find it. */
export async function createResponse(db: DB, slug: string, answers: Record<string, string | string[]>, submittedAt = new Date()) {
  const survey = await getSurvey(db, slug, "en");
  if (!survey) throw new Error(`no survey ${slug}`);
  const { id } = await db
    .insertInto("responses")
    .values({
      survey_id: survey.id,
      survey_version: survey.version,
      audience: survey.audience === "both" ? "parent_carer" : survey.audience,
      reference: generateCode(),
      lang: "en",
      quote_consent: 1,
      submitted_at: submittedAt.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [key, value] of Object.entries(answers)) {
    const question = survey.questions.find((q) => q.key === key);
    if (!question) throw new Error(`no question ${key}`);
    const rows = question.kind === "free_text" ? [{ text: value as string }] : (Array.isArray(value) ? value : [value]).map((choice) => ({ choice }));
    await db
      .insertInto("answers")
      .values(rows.map((row) => ({ response_id: id, question_id: question.id, question_version: question.version, ...row })))
      .execute();
  }
  await countNewResponse(db, id);
  return id;
}

/**
 * A change a test makes straight to the tables (a tag, a flag, a language), brought into the kept
 * counts by the same mechanism the app uses, as if the app had made it.
 */
export async function counted(db: DB, responseIds: number[], change: (trx: DB) => Promise<unknown>) {
  await db.transaction().execute((trx) => withCounts(trx, responseIds, () => change(trx)));
}

/** Holds a response for safeguarding without a concern row: it leaves every count. */
export const holdResponse = (db: DB, responseId: number) =>
  counted(db, [responseId], (trx) => trx.updateTable("responses").set({ flagged: 1 }).where("id", "=", responseId).execute());
