import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audiences } from "../../db/schema";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { NameInSentence } from "~/components/NameInSentence";
import { Notice } from "~/components/Notice";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { intlLocale } from "~/i18n/config";
import { censusYear } from "~/insight/population-groups";
import { otherLanguage } from "~/insight/population-words";
import { comparedSurveys, comparisonFilters, findPeriod, populationNamespaces } from "~/insight/population-pages.server";
import { deletePopulation, populationOf } from "~/insight/population.server";
import { RepresentationSection } from "~/insight/Representation";
import { loadRepresentation } from "~/insight/representation.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["population", "staff", "common"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, populationNamespaces);
  const db = getDb();
  const period = await findPeriod(db, params.id, await getLocale(request));
  if (!period) httpError(t, 404, "notFound");
  const url = new URL(request.url);
  const surveys = await comparedSurveys(db);
  const filters = comparisonFilters(url, surveys);
  const [population, representation] = await Promise.all([populationOf(db, period.id), loadRepresentation(db, { periodId: period.id, ...filters })]);
  return json({
    title: t("period.title", { period: period.name }),
    csrf: session.csrfToken,
    period: { id: period.id, name: period.name, lang: period.lang },
    population,
    representation,
    surveys,
    filters,
    notice: url.searchParams.get("notice"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin", populationNamespaces);
  const period = await findPeriod(getDb(), params.id, await getLocale(request));
  if (!period || staff.intent !== "delete") httpError(staff.t, period ? 400 : 404, period ? "badForm" : "notFound");
  await deletePopulation(getDb(), period.id, staff.session.user.id);
  throw redirect("/admin/population?notice=deleted", 303);
}

export default function PeriodPopulation() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("population");
  const date = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long", timeZone: "Europe/London" });
  const { population } = data;
  return (
    <>
      <Link to="/admin/population" className="govuk-back-link">
        {t("backToPopulations")}
      </Link>
      {data.notice === "saved" ? <Notice>{t("done.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">
        <NameInSentence
          sentence={(name) => t("period.title", { period: name })}
          name={data.period.name}
          attributes={otherLanguage(data.period.lang, i18n.language)}
        />
      </h1>
      {population ? (
        <>
          <p className="govuk-body">{t("period.for", { laName: population.laName })}</p>
          <Table
            caption={t("period.sources")}
            captionSize="s"
            headers={(["breakdown", "year", "file", "uploaded"] as const).map((column) => t(`period.columns.${column}`))}
          >
            {population.dimensions.map((source) => (
              <tr key={source.dimension} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {t(`dimensions.${source.dimension}`)}
                </th>
                <td className="govuk-table__cell">{censusYear(source.time_period)}</td>
                <td className="govuk-table__cell app-excerpt">{source.file_name}</td>
                <td className="govuk-table__cell">
                  {t("period.uploadedBy", { date: date.format(new Date(source.uploaded_at)), name: source.uploaded_by ?? "–" })}
                </td>
              </tr>
            ))}
          </Table>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/admin/population?period=${data.period.id}#file`}>
              {t("period.addFile")}
            </Link>
          </p>
          <form method="post">
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <p className="govuk-body">{t("period.deleteHint")}</p>
            <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning">
              {t("period.delete")}
            </button>
          </form>
        </>
      ) : (
        <p className="govuk-body">
          {t("period.none")}{" "}
          <Link className="govuk-link" to={`/admin/population?period=${data.period.id}#file`}>
            {t("period.upload")}
          </Link>
        </p>
      )}
      {data.surveys.length > 0 ? (
        <Form method="get" className="app-filters">
          <div className="app-filters__fields">
            <Select
              id="survey"
              name="survey"
              label={t("filters.survey")}
              defaultValue={data.filters.surveyId ? String(data.filters.surveyId) : ""}
              options={[
                { value: "", label: t("filters.anySurvey") },
                ...data.surveys.map((survey) => ({ value: String(survey.id), label: survey.title, lang: "en" })),
              ]}
            />
            <Select
              id="audience"
              name="audience"
              label={t("filters.audience")}
              defaultValue={data.filters.audience ?? ""}
              options={[
                { value: "", label: t("filters.anyone") },
                ...audiences.map((audience) => ({ value: audience, label: t(`staff:audience.${audience}`) })),
              ]}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">
            {t("filters.show")}
          </button>
        </Form>
      ) : null}
      <RepresentationSection data={data.representation} canManage />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
