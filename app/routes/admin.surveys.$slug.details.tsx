import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { getDb } from "~/db.server";
import { fallbackLanguage } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { findSurvey, surveyForBuilder, themeChoices, updateSurveyDetails } from "~/surveys/builder.server";
import { readDetailsForm } from "~/surveys/builder/details-form.server";
import { SurveyDetailsFields } from "~/surveys/builder/SurveyDetailsFields";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const survey = params.slug ? await surveyForBuilder(getDb(), params.slug) : undefined;
  if (!survey) httpError(t, 404, "notFound");
  const english = survey.file.text[fallbackLanguage];
  return json({
    title: t("builder.details.title"),
    csrf: session.csrfToken,
    themes: await themeChoices(getDb(), await getLocale(request)),
    slugFixed: survey.status !== "draft",
    stored: {
      title: english.title,
      slug: survey.slug,
      audience: survey.file.audience,
      runBy: survey.file.runBy ?? "",
      summary: english.summary,
      description: english.description,
      privacy: english.privacy ?? "",
      estimatedMinutes: String(survey.file.estimatedMinutes),
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
      themeIds: survey.themeIds,
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const db = getDb();
  const survey = params.slug ? await findSurvey(db, params.slug) : undefined;
  if (!survey) httpError(staff.t, 404, "notFound");
  const themes = staff.form.getAll("themes").map(String);
  const values = { ...staff.values, themes: themes.join(",") };
  const known = (await themeChoices(db, "en")).map((theme) => theme.id);
  const read = readDetailsForm(staff.values, themes, known, staff.t);
  if ("errors" in read) return formFailure(context, { errors: read.errors, values });
  const refusal = await updateSurveyDetails(db, survey.id, read.data, staff.session.user.id);
  if (refusal)
    return formFailure(context, { errors: [{ field: refusal.field, message: staff.t(`builder.errors.${refusal.message}`, refusal.params) }], values });
  throw redirect(`/admin/surveys/${read.data.slug}?done=saved`, 303);
}

export default function SurveyDetails() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <Link to={`/admin/surveys/${data.stored.slug}`} className="govuk-back-link">
        {t("builder.backToSurvey")}
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("builder.details.title")}</h1>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <SurveyDetailsFields values={failure?.values ?? {}} stored={data.stored} themes={data.themes} errorFor={errorFor} slugFixed={data.slugFixed} />
        <button type="submit" className="govuk-button">
          {t("builder.details.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
