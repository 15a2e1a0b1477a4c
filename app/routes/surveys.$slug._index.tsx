import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Paragraphs } from "~/components/Paragraphs";
import { TwoThirds } from "~/components/Layout";
import { PhoneLink } from "~/components/PhoneLink";
import { getDb } from "~/db.server";
import { audiences } from "../../db/schema";
import { easyRead } from "~/i18n/config";
import { languageChoices } from "~/i18n/languages.server";
import { Listen } from "~/components/Listen";
import { arrivalLink } from "~/outreach/arrival.server";
import { getSetting } from "~/settings.server";
import { createDraft, findDraft, readDraftToken, serializeDraftCookie } from "~/surveys/drafts.server";
import { loadSurvey, requireOpen, resumePath, surveyForDraft } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { consumeLimit } from "~/utils/rate-limit.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

/** On a survey for both parents and carers and young people, each person says which they are. */
const AUDIENCE_FIELD = "audience";
const AudienceChoice = z.enum(audiences);

async function currentDraft(request: Request, surveyId: number) {
  const token = await readDraftToken(request);
  return token ? findDraft(getDb(), surveyId, token) : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { survey, lang } = context;
  const draft = await currentDraft(request, survey.id);
  return json({
    title: survey.title,
    lang,
    survey: {
      title: survey.title,
      summary: survey.summary,
      description: survey.description,
      privacy: survey.privacy,
      textLang: survey.lang === lang ? undefined : survey.lang,
      audience: survey.audience,
      estimatedMinutes: survey.estimatedMinutes,
      // The most a person could be asked, when every conditional question applies.
      questionCount: survey.questions.length,
      languages: languageChoices.filter((choice) => survey.languages.includes(choice.code)),
      inMyLanguage: survey.languages.includes(lang),
    },
    // Who runs this survey, as its builder wrote it; else the organisation that runs the portal.
    organisation: survey.runBy ?? (await getSetting(getDb(), "organisation_name")),
    draft: draft ? (draft.responseId === null ? "in-progress" : "sent") : "none",
  });
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { survey, lang, t } = context;
  const form = await request.formData();
  const intent = form.get("intent");
  const draft = await currentDraft(request, survey.id);

  if (intent === "continue") {
    if (draft && draft.responseId === null) throw redirect(resumePath(await surveyForDraft(survey, draft, lang), draft), 303);
  } else if (intent !== "start") {
    httpError(t, 400, "badForm");
  }
  const audience = survey.audience === "both" ? AudienceChoice.safeParse(form.get(AUDIENCE_FIELD)).data : survey.audience;
  if (!audience) return formFailure(loadContext, { error: t("errors.whoIsAnswering") });
  await consumeLimit("starts", loadContext.clientAddress, t);
  const { token } = await createDraft(getDb(), survey, lang, audience, new Date(), await arrivalLink(getDb(), request, survey.id));
  const first = survey.questions[0];
  throw redirect(first ? surveyPaths(survey.slug).question(first.key) : surveyPaths(survey.slug).check, {
    status: 303,
    headers: { "Set-Cookie": await serializeDraftCookie(survey.slug, token) },
  });
}

export default function SurveyStart() {
  const { survey, organisation, draft, lang } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("survey");
  const young = survey.audience === "young_person";
  // Young people may be answering, so they see what happens if they tell us they are not safe.
  const youngMayAnswer = survey.audience !== "parent_carer";
  return (
    <TwoThirds>
      <ErrorSummary errors={failure?.error ? [{ field: AUDIENCE_FIELD, message: failure.error }] : []} />
      {survey.inMyLanguage ? null : <div className="govuk-inset-text">{t("languages.notAvailable", { language: t(`common:languageNames.${lang}`) })}</div>}
      {lang === easyRead ? <img className="app-picture" src="/pictures/start.svg" alt="" /> : null}
      <h1 className="govuk-heading-xl" lang={survey.textLang} data-listen="text">
        {survey.title}
      </h1>
      <p className="govuk-body-l" lang={survey.textLang} data-listen="text">
        {survey.summary}
      </p>
      <Listen />
      <Paragraphs text={survey.description} lang={survey.textLang} />
      {survey.languages.length > 1 ? (
        <nav aria-labelledby="survey-languages">
          <h2 className="govuk-heading-s" id="survey-languages">
            {t("languages.available")}
          </h2>
          <ul className="govuk-list app-survey-languages">
            {survey.languages.map((language) => (
              <li key={language.code}>
                {language.code === lang ? (
                  <strong lang={language.lang} dir={language.dir}>
                    {language.name}
                  </strong>
                ) : (
                  <Link className="govuk-link" to={`?lng=${language.code}`} lang={language.lang} hrefLang={language.lang} dir={language.dir}>
                    {language.name}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ul className="govuk-list govuk-list--bullet">
        <li>{t("start.runBy", { organisation })}</li>
        <li>{t("start.time", { count: survey.estimatedMinutes })}</li>
        <li>{t("start.questions", { count: survey.questionCount })}</li>
      </ul>

      <h2 className="govuk-heading-m">{t("start.anonymousHeading")}</h2>
      <p className="govuk-body">{t("start.anonymous")}</p>
      <h2 className="govuk-heading-m">{t("start.whoSeesHeading")}</h2>
      <p className="govuk-body">{young ? t("start.whoSeesYoung") : t("start.whoSees")}</p>
      <p className="govuk-body">{t("start.quoteNote")}</p>
      <p className="govuk-body">{t("start.saveNote")}</p>
      {survey.privacy ? <Paragraphs text={survey.privacy} lang={survey.textLang} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/privacy">
          {t("start.privacyLink")}
        </Link>
      </p>

      {youngMayAnswer ? (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-m">{t("start.safetyHeading")}</h2>
          <p className="govuk-body">{t("start.safety")}</p>
          <h2 className="govuk-heading-m">{t("start.helpHeading")}</h2>
          <p className="govuk-body">
            <Trans t={t} i18nKey="start.childline" components={[<PhoneLink key="childline" number="08001111" />]} />
          </p>
          <p className="govuk-body">
            <Trans t={t} i18nKey="start.emergency" components={[<PhoneLink key="999" number="999" />]} />
          </p>
        </div>
      ) : null}

      {draft === "in-progress" ? <p className="govuk-body">{t("start.inProgress")}</p> : null}
      {draft === "sent" && !young ? <p className="govuk-body">{t("start.alreadySent")}</p> : null}
      <form method="post" noValidate>
        {survey.audience === "both" ? (
          <Choices
            id={AUDIENCE_FIELD}
            name={AUDIENCE_FIELD}
            legend={t("start.whoIsAnswering.legend")}
            hint={t("start.whoIsAnswering.hint")}
            error={failure?.error}
            selected={[]}
            items={audiences.map((value) => ({ value, label: t(`start.whoIsAnswering.${value}`) }))}
          />
        ) : null}
        <div className="govuk-button-group">
          {draft === "in-progress" ? (
            <>
              <button type="submit" name="intent" value="continue" className="govuk-button govuk-button--start">
                {t("start.continueButton")}
              </button>
              <button type="submit" name="intent" value="start" className="govuk-button govuk-button--secondary">
                {t("start.startAgainButton")}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="start" className="govuk-button govuk-button--start">
              {draft === "sent" ? t("start.answerAgainButton") : t("start.startButton")}
              <svg
                className="govuk-button__start-icon"
                xmlns="http://www.w3.org/2000/svg"
                width="17.5"
                height="19"
                viewBox="0 0 33 40"
                aria-hidden="true"
                focusable="false"
              >
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
              </svg>
            </button>
          )}
        </div>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
