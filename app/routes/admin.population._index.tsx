import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { describedBy, ErrorMessage, ErrorSummary, Hint } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { intlLocale } from "~/i18n/config";
import { censusYear } from "~/insight/population-groups";
import { otherLanguage } from "~/insight/population-words";
import { populationNamespaces, receiveUpload } from "~/insight/population-pages.server";
import { populationsByPeriod } from "~/insight/population.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["population", "staff", "common"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, populationNamespaces);
  const url = new URL(request.url);
  return json({
    title: t("index.title"),
    csrf: session.csrfToken,
    periods: await populationsByPeriod(getDb(), await getLocale(request)),
    chosen: url.searchParams.get("period") ?? "",
    notice: url.searchParams.get("notice"),
    largestKb: env().BODY_LIMIT_STAFF_KB,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin", populationNamespaces);
  const received = await receiveUpload(getDb(), context, staff, await getLocale(request));
  if ("failure" in received) return received.failure;
  throw redirect(`/admin/population/uploads/${received.uploadId}`, 303);
}

const notices = ["deleted", "discarded"];

export default function Populations() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("population");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const largest = new Intl.NumberFormat(intlLocale(i18n.language), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(data.largestKb / 1024);
  const fileError = errorFor("file");
  const problems = failure?.problems ?? [];
  const chosen = failure?.values.period ?? data.chosen;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.notice && notices.includes(data.notice) ? <Notice>{t(`done.${data.notice}`)}</Notice> : null}
      <h1 className="govuk-heading-l">{t("index.title")}</h1>
      <p className="govuk-body">{t("index.lead")}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/population/questions">
          {t("index.questionsLink")}
        </Link>
      </p>
      {data.periods.length === 0 ? (
        <p className="govuk-body">
          {t("index.noPeriods")}{" "}
          <Link className="govuk-link" to="/admin/periods">
            {t("index.addPeriod")}
          </Link>
        </p>
      ) : (
        <Table
          caption={t("index.caption")}
          captionSize="m"
          headers={(["period", "localAuthority", "breakdowns", "year"] as const).map((column) => t(`index.columns.${column}`))}
        >
          {data.periods.map((period) => (
            <tr key={period.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/admin/population/${period.id}`} {...otherLanguage(period.lang, i18n.language)}>
                  {period.name}
                </Link>
              </th>
              <td className="govuk-table__cell">{period.population?.laName ?? t("index.none")}</td>
              <td className="govuk-table__cell">
                {period.population ? period.population.dimensions.map((dimension) => t(`dimensions.${dimension}`)).join(", ") : null}
              </td>
              <td className="govuk-table__cell">{period.population ? period.population.years.map(censusYear).join(", ") : null}</td>
            </tr>
          ))}
        </Table>
      )}
      <h2 className="govuk-heading-m">{t("upload.heading")}</h2>
      <p className="govuk-body">{t("upload.where")}</p>
      <form method="post" encType="multipart/form-data" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <div className={`govuk-form-group${errorFor("period") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="period">
            {t("upload.period")}
          </label>
          <Hint id="period">{t("upload.periodHint")}</Hint>
          <ErrorMessage id="period" message={errorFor("period")} />
          <select
            className={`govuk-select${errorFor("period") ? " govuk-select--error" : ""}`}
            id="period"
            name="period"
            defaultValue={chosen}
            aria-describedby={describedBy("period", true, errorFor("period"))}
          >
            <option value="">{t("upload.choosePeriod")}</option>
            {data.periods.map((period) => (
              <option key={period.id} value={String(period.id)} {...otherLanguage(period.lang, i18n.language)}>
                {period.name}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
            {t("upload.file")}
          </label>
          <Hint id="file">{t("upload.fileHint", { largest })}</Hint>
          <ErrorMessage id="file" message={fileError} />
          {problems.length ? (
            <ul className="govuk-list govuk-list--bullet app-file-problems" id="file-problems">
              {problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          ) : null}
          <input
            className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy("file", true, fileError, problems.length ? "file-problems" : undefined)}
          />
        </div>
        <button type="submit" className="govuk-button">
          {t("upload.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
