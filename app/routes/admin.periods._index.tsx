import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { periodFailure, readPeriodForm } from "~/actions/period-form.server";
import { MissingLanguages, PeriodDates, PeriodFields, PeriodStateTag } from "~/actions/PeriodFields";
import { createPeriod, PeriodError, periodsForAdmin } from "~/actions/periods.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { Table } from "~/components/Table";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({
    title: t("periods.title"),
    csrf: session.csrfToken,
    periods: await periodsForAdmin(getDb()),
    notice: new URL(request.url).searchParams.get("notice"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const read = readPeriodForm(staff.values, staff.t);
  if ("errors" in read) return formFailure(context, { errors: read.errors, values: staff.values });
  try {
    const id = await createPeriod(getDb(), read.data, staff.session.user.id);
    throw redirect(`/admin/periods/${id}?notice=added`, 303);
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    return periodFailure(context, error, staff, await getLocale(request));
  }
}

export default function Periods() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.notice === "deleted" ? <Notice>{t("periods.done.deleted")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("periods.title")}</h1>
      <p className="govuk-body">{t("periods.lead")}</p>
      {data.periods.length === 0 ? (
        <p className="govuk-body">{t("periods.none")}</p>
      ) : (
        <Table caption={t("periods.title")} headers={(["name", "dates", "state", "languages"] as const).map((column) => t(`periods.table.${column}`))}>
          {data.periods.map((period) => (
            <tr key={period.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/periods/${period.id}`} lang="en">
                  {period.name}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <PeriodDates period={period} />
              </td>
              <td className="govuk-table__cell">
                <PeriodStateTag period={period} />
              </td>
              <td className="govuk-table__cell">
                <MissingLanguages missing={period.missing} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 className="govuk-heading-m">{t("periods.add")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <PeriodFields values={failure?.values ?? {}} errorFor={errorFor} />
        <button type="submit" className="govuk-button">
          {t("periods.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
