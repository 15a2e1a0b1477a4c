import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { getDb } from "../db.server";
import { countWrongGuess, requireFewWrongGuesses } from "../utils/rate-limit.server";
import { normaliseCode } from "./codes";
import { findDraft, resumeDraft, serializeDraftCookie } from "./drafts.server";
import { resumePath, surveyForDraft } from "./journey.server";
import { getSurvey } from "./surveys.server";

export type ResumeError = "empty" | "format" | "notFound";

/** Checks a typed or linked resume code; on success, hands this device the draft and continues it. */
export async function resumeWithCode(input: string, lang: string, t: TFunction, context: AppLoadContext): Promise<{ error: ResumeError }> {
  if (input.trim() === "") return { error: "empty" };
  const code = normaliseCode(input);
  if (!code) return { error: "format" };
  await requireFewWrongGuesses("resume", context.clientAddress, t);
  const resumed = await resumeDraft(getDb(), code);
  if (!resumed) {
    await countWrongGuess("resume", context.clientAddress);
    return { error: "notFound" };
  }
  const survey = await getSurvey(getDb(), resumed.slug, lang);
  const draft = survey ? await findDraft(getDb(), survey.id, resumed.token) : undefined;
  throw redirect(survey && draft ? resumePath(await surveyForDraft(survey, draft, lang), draft) : `/surveys/${resumed.slug}`, {
    status: 303,
    headers: { "Set-Cookie": await serializeDraftCookie(resumed.slug, resumed.token) },
  });
}
