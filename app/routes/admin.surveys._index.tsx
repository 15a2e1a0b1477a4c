import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { canUse, requireStaff } from "~/accounts/session.server";
import { Notice } from "~/components/Notice";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { surveysForStaff } from "~/surveys/staff-list.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** Every survey with its state, dates, languages and responses. Moderators read it; administrators build from here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, "staff");
  return json({
    title: t("surveys.title"),
    canBuild: canUse(session.user.role, "admin"),
    deleted: new URL(request.url).searchParams.get("done") === "deleted",
    surveys: await surveysForStaff(getDb()),
  });
}

const stateTag: Record<string, string> = {
  draft: "govuk-tag--grey",
  scheduled: "govuk-tag--blue",
  open: "govuk-tag--green",
  ended: "govuk-tag--yellow",
  closed: "govuk-tag--grey",
  archived: "govuk-tag--grey",
};

export default function StaffSurveys() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium" }).format(new Date(iso)) : t("surveys.noDate");
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <>
      {data.deleted ? <Notice>{t("builder.done.deleted")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("surveys.title")}</h1>
      <p className="govuk-body">{t("surveys.lead")}</p>
      {data.canBuild ? (
        <div className="govuk-button-group">
          <Link to="/admin/surveys/new" className="govuk-button">
            {t("builder.new.title")}
          </Link>
          <Link to="/admin/surveys/import" className="govuk-button govuk-button--secondary">
            {t("builder.import.title")}
          </Link>
        </div>
      ) : null}
      {data.surveys.length === 0 ? (
        <p className="govuk-body">{t("surveys.none")}</p>
      ) : (
        <Table
          caption={t("surveys.title")}
          headers={(["survey", "state", "dates", "languages", "responses"] as const).map((column) => ({
            label: t(`surveys.table.${column}`),
            numeric: column === "responses",
          }))}
        >
          {data.surveys.map((survey) => (
            <tr key={survey.slug} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/surveys/${survey.slug}`} lang="en">
                  {survey.title}
                </Link>
                <br />
                <span className="govuk-body-s">{t(`audience.${survey.audience}`)}</span>
              </td>
              <td className="govuk-table__cell">
                <strong className={`govuk-tag ${stateTag[survey.state]}`}>{t(`surveys.states.${survey.state}`)}</strong>
              </td>
              <td className="govuk-table__cell">{t("surveys.dates", { opens: date(survey.opensAt), closes: date(survey.closesAt) })}</td>
              <td className="govuk-table__cell">{survey.languages.map((lang) => t(`common:languageNames.${lang}`)).join(", ")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(survey.responses)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
