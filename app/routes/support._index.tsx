import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { listOpenSurveys } from "~/surveys/surveys.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff", "pages"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "support");
  const lang = await getLocale(request);
  const t = await getFixedT(request, "staff");
  const surveys = await listOpenSurveys(getDb(), lang);
  return json({
    title: t("support.title"),
    surveys: surveys.map((survey) => ({
      slug: survey.slug,
      title: survey.title,
      audience: survey.audience,
      lang: survey.lang === lang ? undefined : survey.lang,
    })),
  });
}

export default function HelpSomeoneAnswer() {
  const { surveys } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <TwoThirds>
      <h1 className="govuk-heading-l">{t("support.title")}</h1>
      <p className="govuk-body">{t("support.lead")}</p>
      <p className="govuk-body">{t("support.private")}</p>
      <h2 className="govuk-heading-m">{t("support.chooseSurvey")}</h2>
      {surveys.length === 0 ? <p className="govuk-body">{t("support.noSurveys")}</p> : null}
      <ul className="govuk-list app-survey-list">
        {surveys.map((survey) => (
          <li key={survey.slug} className="app-survey-list__item">
            <p className="govuk-caption-m">{t(`pages:surveys.forAudience.${survey.audience}`)}</p>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/support/${survey.slug}`}>
                {t("support.helpWith")} <span lang={survey.lang}>{survey.title}</span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
