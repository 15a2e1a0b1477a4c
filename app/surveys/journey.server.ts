import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { getDb } from "../db.server";
import { fixedT, getLocale } from "../i18n/i18n.server";
import { httpError } from "../utils/http.server";
import { findDraft, readDraftToken, type DraftState } from "./drafts.server";
import { exitChosen, firstUnanswered, isOpen, type SurveyView } from "./model";
import { surveyPaths } from "./paths";
import { getSurvey } from "./surveys.server";

export interface SurveyContext {
  survey: SurveyView;
  lang: string;
  t: TFunction;
}

/** The survey named in the URL, in the person's language; a 404 page when there is none to show. */
export async function loadSurvey(request: Request, params: LoaderFunctionArgs["params"]): Promise<SurveyContext> {
  const lang = await getLocale(request);
  const t = fixedT(lang, ["survey", "common"]);
  const survey = params.slug ? await getSurvey(getDb(), params.slug, lang) : undefined;
  if (!survey || survey.status === "draft") httpError(t, 404, "surveyNotFound");
  return { survey, lang, t };
}

export function requireOpen({ survey, t }: SurveyContext): void {
  if (!isOpen(survey)) httpError(t, 410, "surveyClosed");
}

/**
 * The survey as the draft's respondent started it: a draft begun before a question changed
 * finishes on the wording it started with, so its answers keep their meaning. Its audience is
 * who is answering (a parent or carer, or a young person), which the pages follow.
 */
export async function surveyForDraft(survey: SurveyView, draft: Pick<DraftState, "surveyVersion" | "audience">, lang: string): Promise<SurveyView> {
  const started = draft.surveyVersion === survey.version ? survey : ((await getSurvey(getDb(), survey.slug, lang, draft.surveyVersion)) ?? survey);
  return started.audience === draft.audience ? started : { ...started, audience: draft.audience };
}

/**
 * The person's unsent draft, with the survey at the version it started on. Without a draft cookie
 * a page visit goes to the start page; a cookie whose draft has expired (or a form posted without
 * one) gets a 410 page.
 */
export async function requireDraft(request: Request, context: SurveyContext): Promise<{ draft: DraftState; survey: SurveyView }> {
  const { survey, t } = context;
  const paths = surveyPaths(survey.slug);
  const token = await readDraftToken(request);
  if (!token && request.method === "GET") throw redirect(paths.start);
  const draft = token ? await findDraft(getDb(), survey.id, token) : undefined;
  if (!draft) httpError(t, 410, "draftExpired", { linkTo: paths.start });
  if (draft.responseId !== null) throw redirect(paths.confirmation, 303);
  return { draft, survey: await surveyForDraft(survey, draft, context.lang) };
}

/**
 * The person's sent draft, for the pages after sending (confirmation, reference slip, updates):
 * without a draft cookie they go to the start page, with an unsent one to "Check your answers".
 */
export async function requireSentDraft(request: Request, { survey }: SurveyContext): Promise<DraftState & { reference: string; responseId: number }> {
  const paths = surveyPaths(survey.slug);
  const token = await readDraftToken(request);
  const draft = token ? await findDraft(getDb(), survey.id, token) : undefined;
  if (!draft) throw redirect(paths.start);
  if (draft.reference === null || draft.responseId === null) throw redirect(paths.check);
  return { ...draft, reference: draft.reference, responseId: draft.responseId };
}

/** Someone whose answer ended the survey goes back to its exit page: a survey that is not for them is never sent. */
export function requireNoExit(survey: SurveyView, draft: Pick<DraftState, "answers">): void {
  const exit = exitChosen(survey.questions, draft.answers);
  if (exit) throw redirect(surveyPaths(survey.slug).exit(exit.question.key), 303);
}

/** Where someone carries on: the first question they have not answered, else the check page. */
export function resumePath(survey: SurveyView, draft: Pick<DraftState, "answers">): string {
  const next = firstUnanswered(survey.questions, draft.answers);
  const paths = surveyPaths(survey.slug);
  return next ? paths.question(next.key) : paths.check;
}
