import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackLink, TwoThirds } from "~/components/Layout";
import { Paragraphs } from "~/components/Paragraphs";
import { loadSurvey, requireDraft, requireOpen } from "~/surveys/journey.server";
import { surveyPaths } from "~/surveys/paths";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "survey"] };

/**
 * "This survey is not for you": the page an answer leads to when the survey is for someone else,
 * with the survey's own words on where to go instead. Nothing is sent; the answer can be changed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadSurvey(request, params);
  requireOpen(context);
  const { draft, survey } = await requireDraft(request, context);
  const question = survey.questions.find((candidate) => candidate.key === params.key);
  if (!question) httpError(context.t, 404, "notFound");
  const paths = surveyPaths(survey.slug);
  const option = question.options.find((candidate) => candidate.exit && candidate.value === draft.answers[String(question.id)]);
  if (!option?.exit) throw redirect(paths.question(question.key));
  return json({
    title: context.t("exit.title"),
    text: option.exit.text,
    textLang: option.exit.lang === context.lang ? undefined : option.exit.lang,
    change: paths.question(question.key),
  });
}

export default function ExitPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("survey");
  return (
    <>
      <BackLink to={data.change} />
      <TwoThirds>
        <h1 className="govuk-heading-l">{t("exit.title")}</h1>
        <Paragraphs text={data.text} lang={data.textLang} />
        <p className="govuk-body">{t("exit.nothingSent")}</p>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={data.change}>
              {t("exit.change")}
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/surveys">
              {t("exit.otherSurveys")}
            </Link>
          </li>
        </ul>
      </TwoThirds>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
