import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { createDraftSurvey, themeChoices } from "~/surveys/builder.server";
import { readDetailsForm } from "~/surveys/builder/details-form.server";
import { SurveyDetailsFields } from "~/surveys/builder/SurveyDetailsFields";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({ title: t("builder.new.title"), csrf: session.csrfToken, themes: await themeChoices(getDb(), await getLocale(request)) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const db = getDb();
  const themes = staff.form.getAll("themes").map(String);
  const values = { ...staff.values, themes: themes.join(",") };
  const known = (await themeChoices(db, "en")).map((theme) => theme.id);
  const read = readDetailsForm(staff.values, themes, known, staff.t);
  if ("errors" in read) return formFailure(context, { errors: read.errors, values });
  const created = await createDraftSurvey(db, read.data, staff.session.user.id);
  if ("refusal" in created) {
    return formFailure(context, {
      errors: [{ field: created.refusal.field, message: staff.t(`builder.errors.${created.refusal.message}`, created.refusal.params) }],
      values,
    });
  }
  throw redirect(`/admin/surveys/${created.slug}?done=created`, 303);
}

export default function NewSurvey() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <Link to="/admin/surveys" className="govuk-back-link">
        {t("builder.backToSurveys")}
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("builder.new.title")}</h1>
      <p className="govuk-body">{t("builder.new.lead")}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <SurveyDetailsFields values={failure?.values ?? {}} stored={{ estimatedMinutes: "5" }} themes={data.themes} errorFor={errorFor} slugFixed={false} />
        <button type="submit" className="govuk-button">
          {t("builder.new.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
