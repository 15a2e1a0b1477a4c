import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { changeSettings, getSettings } from "~/settings.server";
import { spokenLimitRanges } from "~/spoken/recordings.server";
import { pageTitle } from "~/utils/meta";
import { parseStaffForm, readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const wholeNumber = ({ min, max }: { min: number; max: number }, error: string) =>
  z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).transform(String);

const SpokenSettingsForm = z.object({
  spoken_max_minutes: wholeNumber(spokenLimitRanges.spoken_max_minutes, "maxMinutes"),
  spoken_max_mb: wholeNumber(spokenLimitRanges.spoken_max_mb, "maxMb"),
  spoken_keep_days: wholeNumber(spokenLimitRanges.spoken_keep_days, "keepDays"),
});

const keys = ["spoken_max_minutes", "spoken_max_mb", "spoken_keep_days"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const settings = await getSettings(getDb());
  return json({
    title: t("spokenSettings.title"),
    csrf: session.csrfToken,
    settings: Object.fromEntries(keys.map((key) => [key, settings[key]])) as Record<(typeof keys)[number], string>,
    saved: new URL(request.url).searchParams.has("saved"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const { data, failure } = parseStaffForm(context, staff, SpokenSettingsForm, "spokenSettings.errors");
  if (failure) return failure;
  await changeSettings(getDb(), staff.session.user.id, data);
  throw redirect("/admin/settings/spoken?saved=1", 303);
}

export default function SpokenSettings() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values: Record<string, string> = failure?.values ?? data.settings;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const field = (key: (typeof keys)[number], name: string) => (
    <TextInput
      id={key}
      name={key}
      label={t(`spokenSettings.${name}`)}
      hint={t(`spokenSettings.${name}Hint`, { min: spokenLimitRanges[key].min, max: spokenLimitRanges[key].max })}
      error={errorFor(key)}
      defaultValue={values[key]}
      className="govuk-input--width-4"
    />
  );
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.saved ? <Notice>{t("spokenSettings.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("spokenSettings.title")}</h1>
      <p className="govuk-body">{t("spokenSettings.lead")}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        {field("spoken_max_minutes", "maxMinutes")}
        {field("spoken_max_mb", "maxMb")}
        {field("spoken_keep_days", "keepDays")}
        <button type="submit" className="govuk-button">
          {t("spokenSettings.save")}
        </button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/settings">
          {t("spokenSettings.back")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
