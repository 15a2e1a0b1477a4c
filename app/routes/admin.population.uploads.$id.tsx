import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { NameInSentence } from "~/components/NameInSentence";
import { Select } from "~/components/Select";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { intlLocale } from "~/i18n/config";
import { censusYear } from "~/insight/population-groups";
import { otherLanguage } from "~/insight/population-words";
import { findPeriod, populationNamespaces } from "~/insight/population-pages.server";
import { discardUpload, pendingUpload, PopulationError, populationOf, savePopulation } from "~/insight/population.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm, type StaffFormFailure } from "~/utils/staff-form.server";

export const handle = { i18n: ["population", "staff", "common"] };

async function findUpload(id: string | undefined, t: TFunction) {
  const upload = id && /^\d+$/.test(id) ? await pendingUpload(getDb(), Number(id)) : undefined;
  if (!upload) httpError(t, 404, "notFound");
  return upload;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, populationNamespaces);
  const upload = await findUpload(params.id, t);
  const [period, stored] = await Promise.all([
    findPeriod(getDb(), String(upload.period_id), await getLocale(request)),
    populationOf(getDb(), upload.period_id),
  ]);
  const years = [...new Set(upload.areas.flatMap((area) => area.years.map((year) => year.timePeriod)))].sort().reverse();
  return json({
    title: t("choose.title"),
    csrf: session.csrfToken,
    upload,
    period: period ? { name: period.name, lang: period.lang } : null,
    stored: stored ? { laName: stored.laName } : null,
    years,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin", populationNamespaces);
  const upload = await findUpload(params.id, staff.t);
  if (staff.intent === "discard") {
    await discardUpload(getDb(), upload.id);
    throw redirect("/admin/population?notice=discarded", 303);
  }
  const laName = staff.values.la ?? "";
  const timePeriod = staff.values.year ?? "";
  const area = upload.areas.find((candidate) => candidate.laName === laName);
  const errors: FieldError[] = [];
  if (!area) errors.push({ field: "la", message: staff.t("choose.errors.la") });
  else if (!area.years.some((year) => year.timePeriod === timePeriod)) {
    errors.push({ field: "year", message: staff.t("choose.errors.year", { laName, year: censusYear(timePeriod) }) });
  }
  if (errors.length) return formFailure<StaffFormFailure>(context, { errors, values: staff.values });
  try {
    const saved = await savePopulation(getDb(), { uploadId: upload.id, laName, timePeriod, userId: staff.session.user.id });
    throw redirect(`/admin/population/${saved.periodId}?notice=saved`, 303);
  } catch (error) {
    // Saved or cancelled a moment ago in another tab.
    if (error instanceof PopulationError) httpError(staff.t, 404, "notFound");
    throw error;
  }
}

export default function ChooseArea() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("population");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  const typed = failure?.values ?? {};
  const { upload } = data;
  return (
    <>
      <Link to="/admin/population" className="govuk-back-link">
        {t("backToPopulations")}
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("choose.title")}</h1>
      <p className="govuk-body">
        {t("choose.read", { file: upload.file_name, rows: number.format(upload.rows_read), areas: number.format(upload.areas.length) })}{" "}
        {data.period ? (
          <NameInSentence
            sentence={(name) => t("choose.forPeriod", { period: name })}
            name={data.period.name}
            attributes={otherLanguage(data.period.lang, i18n.language)}
          />
        ) : null}
      </p>
      {data.stored ? <div className="govuk-inset-text">{t("choose.replacing", { laName: data.stored.laName })}</div> : null}
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <Select
          id="la"
          name="la"
          label={t("choose.la")}
          hint={t("choose.laHint")}
          error={errorFor("la")}
          defaultValue={typed.la ?? (upload.areas.some((area) => area.laName === data.stored?.laName) ? data.stored?.laName : "")}
          options={[{ value: "", label: t("choose.chooseLa") }, ...upload.areas.map((area) => ({ value: area.laName, label: area.laName }))]}
        />
        {data.years.length > 1 ? (
          <Select
            id="year"
            name="year"
            label={t("choose.year")}
            hint={t("choose.yearHint")}
            error={errorFor("year")}
            defaultValue={typed.year ?? data.years[0]}
            options={data.years.map((year) => ({ value: year, label: censusYear(year) }))}
          />
        ) : (
          <>
            <input type="hidden" name="year" value={data.years[0]} />
            <p className="govuk-body">{t("choose.oneYear", { year: censusYear(data.years[0]) })}</p>
          </>
        )}
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{t("choose.holds")}</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {upload.areas.flatMap((area) =>
                area.years.map((year) => (
                  <li key={`${area.laName}-${year.timePeriod}`}>
                    {area.laName}, {censusYear(year.timePeriod)}: {year.dimensions.map((dimension) => t(`dimensions.${dimension}`)).join(", ")}
                  </li>
                )),
              )}
            </ul>
          </div>
        </details>
        <div className="govuk-button-group">
          <button type="submit" name="intent" value="save" className="govuk-button">
            {t("choose.save")}
          </button>
          <button type="submit" name="intent" value="discard" className="govuk-button govuk-button--secondary">
            {t("choose.discard")}
          </button>
        </div>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
