import { createCookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { env } from "../env.server";
import { generateCode, generateToken, hashSecret } from "./codes";
import { isAnswered, pruneHidden, type Answers, type Audience, type QuestionView } from "./model";

export const DRAFT_LIFETIME_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

/**
 * The opaque draft token. One cookie per survey, scoped to that survey's pages so it is
 * never sent anywhere else. It lives as long as the draft, so a sleeping phone loses nothing.
 */
const draftCookie = createCookie("draft", {
  httpOnly: true,
  sameSite: "lax",
  maxAge: (DRAFT_LIFETIME_DAYS * DAY) / 1000,
});

/** The resume code just made, shown once on the "saved" page. */
const savedCodeCookie = createCookie("saved_code", { httpOnly: true, sameSite: "lax", maxAge: 15 * 60 });

const surveyPath = (slug: string) => `/surveys/${slug}`;
const secure = () => env().NODE_ENV === "production";

export function serializeDraftCookie(slug: string, token: string): Promise<string> {
  return draftCookie.serialize(token, { path: surveyPath(slug), secure: secure() });
}

export function clearDraftCookie(slug: string): Promise<string> {
  return draftCookie.serialize("", { path: surveyPath(slug), secure: secure(), maxAge: 0 });
}

export async function readDraftToken(request: Request): Promise<string | null> {
  const value: unknown = await draftCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function serializeSavedCode(slug: string, code: string): Promise<string> {
  return savedCodeCookie.serialize(code, { path: `${surveyPath(slug)}/saved`, secure: secure() });
}

export async function readSavedCode(request: Request): Promise<string | null> {
  const value: unknown = await savedCodeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export interface DraftState {
  id: number;
  /** The survey version it started on and finishes on. */
  surveyVersion: number;
  /** Who is answering: the survey's audience, or what they chose on the start page of a survey for both. */
  audience: Audience;
  answers: Answers;
  responseId: number | null;
  reference: string | null;
}

function expiry(now: Date): string {
  return new Date(now.getTime() + DRAFT_LIFETIME_DAYS * DAY).toISOString();
}

function parseAnswers(json: string): Answers {
  const value: unknown = JSON.parse(json);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Answers) : {};
}

/** `outreachLinkId`: the live outreach link the person came through, if any (app/outreach/arrival.server.ts). */
export async function createDraft(
  db: DB,
  survey: { id: number; version: number },
  lang: string,
  audience: Audience,
  now = new Date(),
  outreachLinkId: number | null = null,
) {
  const token = generateToken();
  const stamp = now.toISOString();
  const { id } = await db
    .insertInto("drafts")
    .values({
      survey_id: survey.id,
      survey_version: survey.version,
      audience,
      token_hash: hashSecret(token),
      lang,
      answers: "{}",
      created_at: stamp,
      updated_at: stamp,
      expires_at: expiry(now),
      outreach_link_id: outreachLinkId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}

/** The live draft for this survey behind the token, or undefined when it is unknown or has expired. */
export async function findDraft(db: DB, surveyId: number, token: string, now = new Date()): Promise<DraftState | undefined> {
  const row = await db
    .selectFrom("drafts as d")
    .leftJoin("responses as r", "r.id", "d.response_id")
    .select(["d.id", "d.answers", "d.response_id", "d.survey_version", "d.audience", "r.reference"])
    .where("d.token_hash", "=", hashSecret(token))
    .where("d.survey_id", "=", surveyId)
    .where("d.expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    surveyVersion: row.survey_version,
    audience: row.audience,
    answers: parseAnswers(row.answers),
    responseId: row.response_id,
    reference: row.reference,
  };
}

/** The last question answered, in the survey's order: where a person stopped, if they go no further. */
export function lastAnswered(questions: QuestionView[], answers: Answers): number | null {
  const answered = questions.filter((question) => isAnswered(answers[String(question.id)]));
  return answered.length ? answered[answered.length - 1].id : null;
}

/** Stores the answers (without those to questions now hidden) and gives the draft another 30 days. */
export async function saveAnswers(db: DB, draftId: number, questions: QuestionView[], answers: Answers, now = new Date()) {
  const kept = pruneHidden(questions, answers);
  await db
    .updateTable("drafts")
    .set({ answers: JSON.stringify(kept), last_answered_id: lastAnswered(questions, kept), updated_at: now.toISOString(), expires_at: expiry(now) })
    .where("id", "=", draftId)
    .where("response_id", "is", null)
    .execute();
}

/** Makes a fresh resume code for the draft; any earlier code stops working. Returns the code in clear, once. */
export async function issueResumeCode(db: DB, draftId: number): Promise<string> {
  const code = generateCode();
  // `given_code_hash` outlives resuming, so the code can later prove the sent answers are theirs (decision 023).
  await db
    .updateTable("drafts")
    .set({ resume_code_hash: hashSecret(code), given_code_hash: hashSecret(code) })
    .where("id", "=", draftId)
    .execute();
  return code;
}

/**
 * Spends a resume code: the unsent draft behind it moves to this device with a new token, the old
 * device's cookie stops working, and the code cannot be used again (saving again makes a new one).
 * Claimed in one statement, so two people racing with one code cannot both get the draft.
 * Returns undefined for an unknown, spent or expired code.
 */
export async function resumeDraft(db: DB, code: string, now = new Date()) {
  const token = generateToken();
  const claimed = await db
    .updateTable("drafts")
    .set({ token_hash: hashSecret(token), resume_code_hash: null, updated_at: now.toISOString(), expires_at: expiry(now) })
    .where("resume_code_hash", "=", hashSecret(code))
    .where("expires_at", ">", now.toISOString())
    .where("response_id", "is", null)
    .returning("survey_id")
    .executeTakeFirst();
  if (!claimed) return undefined;
  const survey = await db.selectFrom("surveys").select("slug").where("id", "=", claimed.survey_id).executeTakeFirstOrThrow();
  return { slug: survey.slug, token };
}

export async function deleteExpiredDrafts(db: DB, now = new Date()): Promise<number> {
  const result = await db.deleteFrom("drafts").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
