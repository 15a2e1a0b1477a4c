import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { audit } from "~/accounts/audit.server";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { TextInput } from "~/components/TextFields";
import { retentionKeys, retentionLimits, type RetentionKey } from "~/data-protection/limits";
import { PurgeTable } from "~/data-protection/PurgeTable";
import { lastPurge, purgeExpired } from "~/data-protection/retention.server";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { getSettings, saveSettings } from "~/settings.server";
import { pageTitle } from "~/utils/meta";
import { parseStaffForm, readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const limit = (key: RetentionKey, error: string) =>
  z.coerce.number({ error }).int({ error }).min(retentionLimits[key].min, { error }).max(retentionLimits[key].max, { error }).transform(String);
const RetentionForm = z.object({
  retention_text_months: limit("retention_text_months", "textMonths"),
  retention_draft_days: limit("retention_draft_days", "draftDays"),
  retention_audit_years: limit("retention_audit_years", "auditYears"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const db = getDb();
  const url = new URL(request.url);
  const settings = await getSettings(db);
  const checkedAt = new Date();
  // The dry run reads every batch the purge would: only when asked for.
  const dryRun = url.searchParams.has("check") ? { at: checkedAt.toISOString(), counts: await purgeExpired(db, { dryRun: true, now: checkedAt }) } : null;
  return json({
    title: t("retention.title"),
    csrf: session.csrfToken,
    limits: Object.fromEntries(retentionKeys.map((key) => [key, settings[key]])) as Record<RetentionKey, string>,
    dryRun,
    last: (await lastPurge(db)) ?? null,
    saved: url.searchParams.has("saved"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const { data, failure } = parseStaffForm(context, staff, RetentionForm, "retention.errors");
  if (failure) return failure;
  const db = getDb();
  const settings = await getSettings(db);
  const before = Object.fromEntries(retentionKeys.map((key) => [key, settings[key]]));
  await saveSettings(db, data);
  await audit(db, { userId: staff.session.user.id, action: "settings.update", entity: "settings", before, after: data });
  throw redirect("/admin/retention?saved=1", 303);
}

const fields: { key: RetentionKey; name: string }[] = [
  { key: "retention_text_months", name: "textMonths" },
  { key: "retention_draft_days", name: "draftDays" },
  { key: "retention_audit_years", name: "auditYears" },
];

export default function Retention() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values: Record<string, string> = failure?.values ?? data.limits;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (at: string) =>
    new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" }).format(new Date(at));
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.saved ? <Notice>{t("retention.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("retention.title")}</h1>
      <p className="govuk-body">{t("retention.lead")}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        {fields.map(({ key, name }) => (
          <TextInput
            key={key}
            id={key}
            name={key}
            label={t(`retention.${name}`)}
            hint={t(`retention.${name}Hint`)}
            error={errorFor(key)}
            defaultValue={values[key]}
            className="govuk-input--width-4"
          />
        ))}
        <button type="submit" className="govuk-button">
          {t("retention.save")}
        </button>
      </form>
      <h2 className="govuk-heading-m">{t("retention.dryRunHeading")}</h2>
      <p className="govuk-body">{t("retention.dryRunLead")}</p>
      <form method="get">
        <input type="hidden" name="check" value="1" />
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t("retention.dryRunButton")}
        </button>
      </form>
      {data.dryRun ? <PurgeTable caption={t("retention.dryRunCaption", { date: date(data.dryRun.at) })} counts={data.dryRun.counts} /> : null}
      <h2 className="govuk-heading-m">{t("retention.lastHeading")}</h2>
      {data.last ? (
        <PurgeTable caption={t("retention.lastCaption", { date: date(data.last.at) })} counts={data.last.counts} />
      ) : (
        <p className="govuk-body">{t("retention.never")}</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/settings#privacy-settings">
          {t("retention.settingsLink")}
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin">
          {t("retention.adminLink")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
