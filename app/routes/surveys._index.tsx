import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { getLocale, fixedT } from "~/i18n/i18n.server";
import { listOpenSurveys } from "~/surveys/surveys.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const surveys = await listOpenSurveys(getDb(), lang);
  return json({
    title: fixedT(lang, "pages")("surveys.title"),
    surveys: surveys.map((survey) => ({ ...survey, lang: survey.lang === lang ? undefined : survey.lang })),
  });
}

export default function Surveys() {
  const { surveys } = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t("surveys.title")}</h1>
        <p className="govuk-body-l">{t("surveys.lead")}</p>
        {surveys.length === 0 ? <p className="govuk-body">{t("surveys.none")}</p> : null}
        <ul className="govuk-list app-survey-list">
          {surveys.map((survey) => (
            <li key={survey.slug} className="app-survey-list__item">
              <p className="govuk-caption-m">{t(`surveys.forAudience.${survey.audience}`)}</p>
              <h2 className="govuk-heading-m">
                <Link className="govuk-link" to={`/surveys/${survey.slug}`} lang={survey.lang}>
                  {survey.title}
                </Link>
              </h2>
              <p className="govuk-body" lang={survey.lang}>
                {survey.summary}
              </p>
              <p className="govuk-body-s app-meta">
                {t("surveys.minutes", { count: survey.estimatedMinutes })} · {t("surveys.questionCount", { count: survey.questionCount })}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
