import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { nameField, translatedLanguages } from "~/actions/period-names";
import { periodFailure, readPeriodForm } from "~/actions/period-form.server";
import { MissingLanguages, PeriodDates, PeriodFields, PeriodNames, PeriodStateTag } from "~/actions/PeriodFields";
import { deletePeriod, PeriodError, periodsForAdmin, setPeriodClosed, updatePeriod } from "~/actions/periods.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorMessage, ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function findPeriod(id: string | undefined, t: Awaited<ReturnType<typeof getFixedT>>) {
  const period = (await periodsForAdmin(getDb())).find((candidate) => candidate.id === Number(id));
  if (!period) httpError(t, 404, "notFound");
  return period;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, ["staff", "common"]);
  const period = await findPeriod(params.id, t);
  return json({
    title: t("periods.edit.title", { name: period.name }),
    csrf: session.csrfToken,
    period,
    languages: translatedLanguages,
    names: Object.fromEntries(Object.entries(period.translations).map(([lang, name]) => [nameField(lang), name])),
    notice: new URL(request.url).searchParams.get("notice"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const period = await findPeriod(params.id, staff.t);
  const db = getDb();
  const userId = staff.session.user.id;
  try {
    if (staff.intent === "save") {
      const read = readPeriodForm(staff.values, staff.t);
      if ("errors" in read) return formFailure(context, { errors: read.errors, values: staff.values });
      await updatePeriod(db, period.id, read.data, userId);
      throw redirect(`/admin/periods/${period.id}?notice=saved`, 303);
    }
    if (staff.intent === "close" || staff.intent === "reopen") {
      await setPeriodClosed(db, period.id, staff.intent === "close", userId);
      throw redirect(`/admin/periods/${period.id}?notice=${staff.intent === "close" ? "closed" : "reopened"}`, 303);
    }
    if (staff.intent === "delete") {
      await deletePeriod(db, period.id, userId);
      throw redirect("/admin/periods?notice=deleted", 303);
    }
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    return periodFailure(context, error, staff, await getLocale(request));
  }
  httpError(staff.t, 400, "badForm");
}

export default function EditPeriod() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const { period } = data;
  // After a refused save, what was typed; otherwise what is stored.
  const typed: Record<string, string> = failure?.values ?? {};
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  const deleteError = errorFor("delete");
  return (
    <>
      <BackLink to="/admin/periods" />
      <ErrorSummary errors={errors} />
      {data.notice ? <Notice>{t(`periods.done.${data.notice}`)}</Notice> : null}
      <h1 className="govuk-heading-l">{data.title}</h1>
      <p className="govuk-body">
        <PeriodStateTag period={period} /> <PeriodDates period={period} />
      </p>
      <p className="govuk-body">{t(`periods.edit.${period.closed_at ? "closedLead" : period.future ? "futureLead" : "openLead"}`)}</p>
      <p className="govuk-body">{t("periods.edit.contents", { items: period.items, published: period.published })}</p>

      <form method="post" noValidate>
        {csrf}
        <div className="app-narrow-form">
          <PeriodFields values={typed} stored={period} errorFor={errorFor} />
        </div>
        <p className="govuk-body">
          <strong>
            <MissingLanguages missing={period.missing} />
          </strong>
        </p>
        <PeriodNames english={period.name} languages={data.languages} values={failure ? typed : data.names} errorFor={errorFor} />
        <button type="submit" name="intent" value="save" className="govuk-button">
          {t("periods.edit.save")}
        </button>
      </form>

      <h2 className="govuk-heading-m">{t(period.closed_at ? "periods.edit.reopen" : "periods.edit.close")}</h2>
      <p className="govuk-body">{t(period.closed_at ? "periods.edit.reopenHint" : "periods.edit.closeHint")}</p>
      <form method="post">
        {csrf}
        <button type="submit" name="intent" value={period.closed_at ? "reopen" : "close"} className="govuk-button govuk-button--secondary">
          {t(period.closed_at ? "periods.edit.reopen" : "periods.edit.close")}
        </button>
      </form>

      <h2 className="govuk-heading-m">{t("periods.edit.delete")}</h2>
      <form method="post">
        {csrf}
        <div className={`govuk-form-group${deleteError ? " govuk-form-group--error" : ""}`}>
          <p className="govuk-body" id="delete-hint">
            {t("periods.edit.deleteHint")}
          </p>
          <ErrorMessage id="delete" message={deleteError} />
          <button
            type="submit"
            name="intent"
            value="delete"
            id="delete"
            className="govuk-button govuk-button--warning"
            aria-describedby={deleteError ? "delete-hint delete-error" : "delete-hint"}
          >
            {t("periods.edit.delete")}
          </button>
        </div>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
