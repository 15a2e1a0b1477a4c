import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { easyRead } from "~/i18n/config";
import { choicesFor } from "~/surveys/choices";
import { issueResumeCode, saveAnswers, serializeSavedCode } from "~/surveys/drafts.server";
import { loadSurvey, requireDraft, requireOpen, type SurveyContext } from "~/surveys/journey.server";
import { isAnswered, isVisible, progress, questionAfter, questionBefore, visibleQuestions, type Answers } from "~/surveys/model";
import { surveyPaths } from "~/surveys/paths";
import { QuestionField } from "~/surveys/QuestionField";
import { YoungPersonHelp } from "~/surveys/YoungPersonHelp";
import { Listen } from "~/surveys/Listen";
import { pictureFor } from "~/surveys/pictures.server";
import { ANSWER_FIELD, parseAnswer } from "~/surveys/validation";
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
  const previous = questionBefore(survey.questions, draft.answers, question.id);
  return json({
    title: question.text,
    surveyTitle: survey.title,
    audience: survey.audience,
    lang,
    question: {
      kind: question.kind,
      section: question.section,
      text: question.text,
      hint: question.hint,
      lang: question.lang,
      maxLength: question.maxLength,
      required: question.required,
    },
    choices: choicesFor(question, t, lang),
    value: draft.answers[String(question.id)],
    progress: progress(survey.questions, draft.answers, question.id),
    picture: lang === easyRead ? pictureFor(question.key) : null,
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
  const form = await request.formData();
  const parsed = parseAnswer(question, form, t);
  const saving = form.get("intent") === "save";
  // Saving for later needs no answer to this question; a wrong one is still pointed out.
  const skipped = saving && !parsed.ok && !isAnswered(parsed.submitted);
  if (!parsed.ok && !skipped) {
    return formFailure(loadContext, { error: parsed.error, submitted: parsed.submitted });
  }

  const answers: Answers = { ...draft.answers };
  if (parsed.ok) {
    if (parsed.value === null) delete answers[String(question.id)];
    else answers[String(question.id)] = parsed.value;
  }
  await saveAnswers(getDb(), draft.id, survey.questions, answers);

  if (saving) {
    const code = await issueResumeCode(getDb(), draft.id);
    throw redirect(surveyPaths(survey.slug).saved, {
      status: 303,
      headers: { "Set-Cookie": await serializeSavedCode(survey.slug, code) },
    });
  }
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
  const error = failure?.error ?? null;
  const value = failure ? failure.submitted : (data.value ?? undefined);
  return (
    <>
      <BackLink to={data.backTo} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ field: ANSWER_FIELD, message: error }] : []} />
          <p className="govuk-caption-m app-progress">
            {t("question.progress", { number: data.progress.number, total: data.progress.total })}
          </p>
          {data.question.section === "about_you" ? (
            <p className="govuk-body app-section-note">
              <strong>{t("question.aboutYouHeading")}.</strong> {t("question.aboutYouNote")}
            </p>
          ) : null}
          <Listen />
          <form method="post" noValidate className={data.picture ? "app-with-picture" : undefined}>
            {data.picture ? <img className="app-picture" src={data.picture} alt="" /> : null}
            <div>
            <QuestionField question={data.question} choices={data.choices} value={value} error={error} pageLang={data.lang} safetyHint={data.audience === "young_person"} />
            {data.audience === "young_person" ? <JustInTime kind={data.question.kind} section={data.question.section} /> : null}
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
          {data.audience === "young_person" ? <YoungPersonHelp /> : null}
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
