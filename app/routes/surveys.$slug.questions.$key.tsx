import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { easyRead } from "~/i18n/config";
import { choicesFor } from "~/surveys/choices";
import { issueResumeCode, saveAnswers, serializeSavedCode } from "~/surveys/drafts.server";
import { loadSurvey, requireDraft, requireOpen, type SurveyContext } from "~/surveys/journey.server";
import { exitChosen, isAnswered, isVisible, pageOf, progress, questionAfter, questionBefore, visibleQuestions, type Answers } from "~/surveys/model";
import { surveyPaths } from "~/surveys/paths";
import { QuestionField } from "~/surveys/QuestionField";
import { YoungPersonHelp } from "~/surveys/YoungPersonHelp";
import { Listen } from "~/components/Listen";
import { pictureFor } from "~/surveys/pictures.server";
import { answerField, parseAnswer } from "~/surveys/validation";
import { clock, draftRecordings, spokenLimits } from "~/spoken/recordings.server";
import { readQuestionForm, saveSpokenAnswers } from "~/spoken/upload.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

async function loadQuestion(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { draft, survey } = await requireDraft(request, context);
  const question = survey.questions.find((candidate) => candidate.key === params.key);
  if (!question) httpError(context.t, 404, "notFound");
  return { ...context, survey, draft, question };
}

function returnsToCheck(request: Request): boolean {
  return new URL(request.url).searchParams.get("return") === "check";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, lang, t, draft, question } = await loadQuestion(request, params);
  const paths = surveyPaths(survey.slug);
  const toCheck = returnsToCheck(request);
  // A question skipped by an earlier answer is never shown: go on to the next one that is.
  if (!isVisible(survey.questions, question, draft.answers)) {
    const next = survey.questions.slice(survey.questions.indexOf(question) + 1).find((q) => isVisible(survey.questions, q, draft.answers));
    throw redirect(toCheck || !next ? paths.check : paths.question(next.key));
  }
  // A question that shares a page is asked on that page, at the address of its first question.
  const page = pageOf(survey.questions, draft.answers, question.id);
  if (page[0].id !== question.id) throw redirect(paths.question(page[0].key, toCheck));
  const previous = questionBefore(survey.questions, draft.answers, question.id);
  const alone = page.length === 1;
  // Several questions on a page sit under one heading: "About you", or the survey's title.
  const heading = alone ? null : question.section === "about_you" ? t("question.aboutYouHeading") : survey.title;
  const limits = await spokenLimits(getDb());
  const recordings = await draftRecordings(getDb(), draft.id);
  return json({
    title: heading ?? question.text,
    heading,
    surveyTitle: survey.title,
    audience: survey.audience,
    lang,
    fields: page.map((asked) => ({
      field: answerField(asked, alone),
      question: {
        kind: asked.kind,
        section: asked.section,
        text: asked.text,
        hint: asked.hint,
        lang: asked.lang,
        maxLength: asked.maxLength,
        required: asked.required,
      },
      choices: choicesFor(asked, t, lang),
      value: draft.answers[String(asked.id)],
      // Every free-text question also takes a spoken answer (app/spoken/).
      spoken:
        asked.kind === "free_text"
          ? {
              kept: recordings.has(asked.id) ? { length: clock(recordings.get(asked.id)?.durationMs ?? null) } : null,
              maxMinutes: Math.max(1, Math.round(limits.maxSeconds / 60)),
              maxMegabytes: Math.round(limits.maxBytes / (1024 * 1024)),
            }
          : null,
    })),
    section: question.section,
    progress: progress(survey.questions, draft.answers, question.id),
    picture: lang === easyRead && alone ? pictureFor(question.key) : null,
    backTo: toCheck ? paths.check : previous ? paths.question(previous.key) : paths.start,
  });
}

/** After a change from "Check your answers", new questions it revealed come first; then back to the check page. */
function nextPath(context: SurveyContext, before: Answers, after: Answers, questionId: number, toCheck: boolean): string {
  const { survey } = context;
  const paths = surveyPaths(survey.slug);
  if (toCheck) {
    const wasShown = new Set(visibleQuestions(survey.questions, before).map((q) => q.id));
    const revealed = visibleQuestions(survey.questions, after).find((q) => !wasShown.has(q.id) && after[String(q.id)] === undefined);
    return revealed ? paths.question(revealed.key, true) : paths.check;
  }
  const next = questionAfter(survey.questions, after, questionId);
  return next ? paths.question(next.key) : paths.check;
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const context = await loadQuestion(request, params);
  const { survey, t, draft, question } = context;
  const page = pageOf(survey.questions, draft.answers, question.id);
  const alone = page.length === 1;
  const limits = await spokenLimits(getDb());
  const input = await readQuestionForm(request, limits);
  const { form } = input;
  // A recording that passes its checks is kept even when something else on the page needs correcting.
  const spoken = await saveSpokenAnswers(
    getDb(),
    draft.id,
    page.map((asked) => ({ question: asked, field: answerField(asked, alone) })),
    input,
    limits,
    t,
  );
  const saving = form.get("intent") === "save";
  const answers: Answers = { ...draft.answers };
  const errors: FieldError[] = [];
  const submitted: Record<string, string | string[]> = {};
  for (const asked of page) {
    const field = answerField(asked, alone);
    const parsed = parseAnswer(asked, form, t, field);
    // Saving for later needs no answer, nor does a question answered by a recording; a wrong one is still pointed out.
    const unanswered = !parsed.ok && !isAnswered(parsed.submitted);
    if (!parsed.ok && !(unanswered && (saving || spoken.answered.has(asked.id)))) errors.push({ field, message: parsed.error });
    const refused = spoken.errors.get(asked.id);
    if (refused) errors.push(refused);
    submitted[field] = parsed.ok ? (parsed.value ?? "") : parsed.submitted;
    if (parsed.ok && parsed.value === null) delete answers[String(asked.id)];
    else if (parsed.ok) answers[String(asked.id)] = parsed.value as string | string[];
  }
  // Nothing on the page is kept until all of it is right, and everything typed comes back.
  if (errors.length > 0) return formFailure(loadContext, { errors, submitted });
  await saveAnswers(getDb(), draft.id, survey.questions, answers);

  if (saving) {
    const code = await issueResumeCode(getDb(), draft.id);
    throw redirect(surveyPaths(survey.slug).saved, {
      status: 303,
      headers: { "Set-Cookie": await serializeSavedCode(survey.slug, code) },
    });
  }
  // An answer that means the survey is not for this person ends it on a page saying where to go instead.
  const exit = exitChosen(page, answers);
  if (exit) throw redirect(surveyPaths(survey.slug).exit(exit.question.key), 303);
  throw redirect(nextPath(context, draft.answers, answers, question.id, returnsToCheck(request)), 303);
}

/** Young people are told, at the point of asking, who sees this answer and why it is asked (ICO Children's code). */
function JustInTime({ kind, section }: { kind: string; section: string }) {
  const { t } = useTranslation("survey");
  const text = section === "about_you" ? t("justInTime.aboutYou") : kind === "free_text" ? t("justInTime.freeText") : t("justInTime.question");
  return (
    <p className="govuk-body-s app-just-in-time">
      <strong>{t("justInTime.heading")}</strong>
      <br />
      {text}
    </p>
  );
}

export default function QuestionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("survey");
  const errors = failure?.errors ?? [];
  const young = data.audience === "young_person";
  return (
    <>
      <BackLink to={data.backTo} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <p className="govuk-caption-m app-progress">{t("question.progress", { number: data.progress.number, total: data.progress.total })}</p>
          {data.section === "about_you" ? (
            <p className="govuk-body app-section-note">
              <strong>{t("question.aboutYouHeading")}.</strong> {t("question.aboutYouNote")}
            </p>
          ) : null}
          {data.heading ? <h1 className="govuk-heading-l">{data.heading}</h1> : null}
          <Listen />
          <form method="post" encType="multipart/form-data" noValidate className={data.picture ? "app-with-picture" : undefined}>
            {data.picture ? <img className="app-picture" src={data.picture} alt="" /> : null}
            <div>
              {data.fields.map((asked) => (
                <div key={asked.field}>
                  <QuestionField
                    question={asked.question}
                    choices={asked.choices}
                    value={failure ? failure.submitted[asked.field] : (asked.value ?? undefined)}
                    error={errors.find((error) => error.field === asked.field)?.message ?? null}
                    pageLang={data.lang}
                    safetyHint={young}
                    field={asked.field}
                    asHeading={data.heading === null}
                    spoken={asked.spoken}
                    spokenError={errors.find((error) => error.field === `${asked.field}-recording`)?.message ?? null}
                  />
                  {young ? <JustInTime kind={asked.question.kind} section={asked.question.section} /> : null}
                </div>
              ))}
              <div className="govuk-button-group">
                <button type="submit" name="intent" value="continue" className="govuk-button">
                  {t("question.continue")}
                </button>
                <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
                  {t("question.saveForLater")}
                </button>
              </div>
            </div>
          </form>
          {young ? <YoungPersonHelp /> : null}
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
