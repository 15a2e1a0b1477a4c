import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { fallbackLanguage, intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { surveyHistory } from "~/surveys/builder.server";
import { loadBuilderSurvey } from "~/surveys/builder/load.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** Every change to a survey, who made it and when: read from the audit log, which nobody can edit. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await loadBuilderSurvey(request, params);
  const t = await getFixedT(request, "staff");
  return json({
    title: t("builder.history.title"),
    slug: survey.slug,
    surveyTitle: survey.file.text[fallbackLanguage].title,
    changes: await surveyHistory(getDb(), survey.id),
  });
}

export default function SurveyHistory() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const when = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
  return (
    <>
      <Link to={`/admin/surveys/${data.slug}`} className="govuk-back-link">
        {t("builder.backToSurvey")}
      </Link>
      <span className="govuk-caption-l" lang="en">
        {data.surveyTitle}
      </span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      {data.changes.length === 0 ? (
        <p className="govuk-body">{t("builder.history.none")}</p>
      ) : (
        <Table caption={data.title} headers={(["when", "who", "what"] as const).map((column) => t(`builder.history.${column}`))}>
          {data.changes.map((change) => (
            <tr key={change.id} className="govuk-table__row">
              <td className="govuk-table__cell">{when.format(new Date(change.at))}</td>
              <td className="govuk-table__cell">{change.by ?? t("builder.history.system")}</td>
              <td className="govuk-table__cell">
                {t(`builder.history.actions.${change.action.replace(/^survey\./, "").replace(/\./g, "_")}`, {
                  defaultValue: change.action,
                  question: change.detail.question ?? "",
                  version: change.detail.version ?? "",
                  language: change.detail.lang ? t(`common:languageNames.${change.detail.lang}`) : "",
                  done: change.detail.done ?? "",
                  total: change.detail.total ?? "",
                  from: change.detail.from ?? "",
                })}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
