import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createPeriod, listPeriods } from "~/actions/actions.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { ThemeSlug } from "~/moderation/theme-form";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { fieldErrors, formValues } from "~/utils/forms";

export const handle = { i18n: ["common", "staff"] };

const PeriodForm = z
  .object({
    name: z.string().trim().min(1, { error: "name" }).max(80, { error: "name" }),
    slug: ThemeSlug,
    starts_on: z.iso.date({ error: "starts_on" }),
    ends_on: z.iso.date({ error: "ends_on" }),
  })
  .refine((period) => period.ends_on >= period.starts_on, { path: ["ends_on"], error: "order" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({ title: t("periods.title"), csrf: session.csrfToken, periods: await listPeriods(getDb(), await getLocale(request)), added: new URL(request.url).searchParams.has("added") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, "staff");
  const values = formValues(form);
  const parsed = PeriodForm.safeParse(values);
  if (!parsed.success) {
    const errors: FieldError[] = fieldErrors(parsed.error.issues, t, "periods.errors");
    return formFailure(context, { errors, values });
  }
  const id = await createPeriod(getDb(), { slug: parsed.data.slug, name: parsed.data.name, startsOn: parsed.data.starts_on, endsOn: parsed.data.ends_on }, session.user.id);
  if (id === null) return formFailure(context, { errors: [{ field: "slug", message: t("periods.errors.slugTaken") }], values });
  throw redirect("/admin/periods?added=1", 303);
}

export default function Periods() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.added ? (
        <Notice>{t("periods.added")}</Notice>
      ) : null}
      <h1 className="govuk-heading-l">{t("periods.title")}</h1>
      <p className="govuk-body">{t("periods.lead")}</p>
      {data.periods.length === 0 ? (
        <p className="govuk-body">{t("periods.none")}</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{t("periods.title")}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">{t("periods.table.name")}</th>
              <th scope="col" className="govuk-table__header">{t("periods.table.from")}</th>
              <th scope="col" className="govuk-table__header">{t("periods.table.to")}</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.periods.map((period) => (
              <tr key={period.id} className="govuk-table__row">
                <td className="govuk-table__cell">{period.name}</td>
                <td className="govuk-table__cell">{period.starts_on}</td>
                <td className="govuk-table__cell">{period.ends_on}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="govuk-heading-m">{t("periods.add")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput id="name" name="name" label={t("periods.name")} error={errorFor("name")} defaultValue={values.name} />
        <TextInput id="slug" name="slug" label={t("periods.slug")} hint={t("periods.slugHint")} error={errorFor("slug")} defaultValue={values.slug} />
        <TextInput id="starts_on" name="starts_on" label={t("periods.starts_on")} hint={t("periods.dateHint")} error={errorFor("starts_on")} defaultValue={values.starts_on} className="govuk-input--width-10" />
        <TextInput id="ends_on" name="ends_on" label={t("periods.ends_on")} hint={t("periods.dateHint")} error={errorFor("ends_on")} defaultValue={values.ends_on} className="govuk-input--width-10" />
        <button type="submit" className="govuk-button">
          {t("periods.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
