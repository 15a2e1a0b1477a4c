import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TextArea, TextInput } from "~/components/TextFields";
import { backupFolder, lastNightlyBackup } from "~/data-protection/backup.server";
import { BACKUPS_KEPT, lawfulBases } from "~/data-protection/limits";
import { missingPrivacySettings } from "~/data-protection/privacy.server";
import { BackupStatus, PrivacySetupPrompt } from "~/data-protection/SettingsParts";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { changeSettings, DEFAULT_LISTENED_TARGET, getSettings, withoutSecrets } from "~/settings.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { parseStaffForm, readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const approvalRules = ["two_people", "council_and_pcf"] as const;
const SettingsForm = z.object({
  organisation_name: z.string().trim().min(1, { error: "organisation" }).max(200, { error: "organisation" }),
  contact_email: z
    .string()
    .trim()
    .pipe(z.email({ error: "email" })),
  quote_approval: z.enum(approvalRules, { error: "approval" }),
  suppression_threshold: z.coerce
    .number({ error: "threshold" })
    .int({ error: "threshold" })
    .min(5, { error: "threshold" })
    .max(100, { error: "threshold" })
    .transform(String),
  safeguarding_email: z
    .string()
    .trim()
    .default("")
    .pipe(z.union([z.literal(""), z.email({ error: "safeguardingEmail" })], { error: "safeguardingEmail" })),
  children_services_phone: z
    .string()
    .trim()
    .max(40, { error: "phone" })
    .regex(/^[0-9 +()-]*$/, { error: "phone" })
    .default(""),
  safeguarding_overdue_days: z.coerce
    .number({ error: "overdue" })
    .int({ error: "overdue" })
    .min(1, { error: "overdue" })
    .max(10, { error: "overdue" })
    .default(1)
    .transform(String),
  listened_target: z.coerce
    .number({ error: "listenedTarget" })
    .int({ error: "listenedTarget" })
    .min(1, { error: "listenedTarget" })
    .max(100, { error: "listenedTarget" })
    .default(DEFAULT_LISTENED_TARGET)
    .transform(String),
  setting_names: z
    .string()
    .max(20_000, { error: "settingNames" })
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .join("\n"),
    ),
  // The privacy notice's set-up: each may wait, and the notice tells people to contact the organisation meanwhile.
  controller_name: z.string().trim().max(200, { error: "controller" }).default(""),
  dpo_contact: z.string().trim().max(300, { error: "dpo" }).default(""),
  lawful_basis: z.union([z.literal(""), z.enum(lawfulBases)], { error: "basis" }).default(""),
  backup_nightly: z
    .literal("on", { error: "backup" })
    .optional()
    .transform((on) => (on ? "on" : "off")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const settings = await getSettings(getDb());
  return json({
    title: t("settings.title"),
    csrf: session.csrfToken,
    settings: withoutSecrets(settings),
    missing: missingPrivacySettings(settings),
    backups: { folder: backupFolder(), kept: BACKUPS_KEPT, last: (await lastNightlyBackup(getDb())) ?? null },
    saved: new URL(request.url).searchParams.has("saved"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const { data, failure } = parseStaffForm(context, staff, SettingsForm, "settings.errors");
  if (failure) return failure;
  await changeSettings(getDb(), staff.session.user.id, data);
  throw redirect("/admin/settings?saved=1", 303);
}

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values: Record<string, string> = failure?.values ?? data.settings;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.saved ? <Notice>{t("settings.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("settings.title")}</h1>
      <PrivacySetupPrompt missing={data.missing} />
      <p className="govuk-body">{t("settings.lead")}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput
          id="organisation_name"
          name="organisation_name"
          label={t("settings.organisation")}
          hint={t("settings.organisationHint")}
          error={errorFor("organisation_name")}
          defaultValue={values.organisation_name}
        />
        <TextInput
          id="contact_email"
          name="contact_email"
          type="email"
          label={t("settings.email")}
          hint={t("settings.emailHint")}
          error={errorFor("contact_email")}
          defaultValue={values.contact_email}
        />
        <Choices
          id="quote_approval"
          name="quote_approval"
          legend={t("settings.approval")}
          error={errorFor("quote_approval")}
          selected={[values.quote_approval]}
          items={approvalRules.map((rule) => ({ value: rule, label: t(`settings.approvals.${rule}`) }))}
        />
        <TextInput
          id="suppression_threshold"
          name="suppression_threshold"
          label={t("settings.threshold")}
          hint={t("settings.thresholdHint")}
          error={errorFor("suppression_threshold")}
          defaultValue={values.suppression_threshold}
          className="govuk-input--width-4"
        />
        <h2 className="govuk-heading-m">{t("settings.safeguardingHeading")}</h2>
        <TextInput
          id="safeguarding_email"
          name="safeguarding_email"
          type="email"
          label={t("settings.safeguardingEmail")}
          hint={t("settings.safeguardingEmailHint")}
          error={errorFor("safeguarding_email")}
          defaultValue={values.safeguarding_email}
        />
        <TextInput
          id="children_services_phone"
          name="children_services_phone"
          type="tel"
          label={t("settings.childrenServicesPhone")}
          hint={t("settings.childrenServicesPhoneHint")}
          error={errorFor("children_services_phone")}
          defaultValue={values.children_services_phone}
          className="govuk-input--width-20"
        />
        <TextInput
          id="safeguarding_overdue_days"
          name="safeguarding_overdue_days"
          label={t("settings.overdueDays")}
          hint={t("settings.overdueDaysHint")}
          error={errorFor("safeguarding_overdue_days")}
          defaultValue={values.safeguarding_overdue_days}
          className="govuk-input--width-4"
        />
        <h2 className="govuk-heading-m">{t("settings.insightHeading")}</h2>
        <TextInput
          id="listened_target"
          name="listened_target"
          label={t("settings.listenedTarget")}
          hint={t("settings.listenedTargetHint")}
          error={errorFor("listened_target")}
          defaultValue={values.listened_target}
          className="govuk-input--width-4"
        />
        <h2 className="govuk-heading-m">{t("settings.redactionHeading")}</h2>
        <TextArea
          id="setting_names"
          name="setting_names"
          label={t("settings.settingNames")}
          hint={t("settings.settingNamesHint")}
          rows={6}
          error={errorFor("setting_names")}
          defaultValue={values.setting_names}
        />
        <h2 className="govuk-heading-m" id="privacy-settings">
          {t("settings.privacyHeading")}
        </h2>
        <p className="govuk-body">{t("settings.privacyLead")}</p>
        <TextInput
          id="controller_name"
          name="controller_name"
          label={t("settings.controller")}
          hint={t("settings.controllerHint")}
          error={errorFor("controller_name")}
          defaultValue={values.controller_name}
        />
        <TextInput
          id="dpo_contact"
          name="dpo_contact"
          label={t("settings.dpo")}
          hint={t("settings.dpoHint")}
          error={errorFor("dpo_contact")}
          defaultValue={values.dpo_contact}
        />
        <Choices
          id="lawful_basis"
          name="lawful_basis"
          legend={t("settings.basis")}
          hint={t("settings.basisHint")}
          error={errorFor("lawful_basis")}
          selected={[values.lawful_basis ?? ""]}
          items={lawfulBases.map((basis) => ({ value: basis, label: t(`settings.bases.${basis}`) }))}
        />
        <h2 className="govuk-heading-m">{t("settings.backupHeading")}</h2>
        <BackupStatus {...data.backups} />
        <Choices
          id="backup_nightly"
          name="backup_nightly"
          variant="checkboxes"
          legend={t("settings.backupLegend")}
          error={errorFor("backup_nightly")}
          selected={[values.backup_nightly ?? "off"]}
          items={[
            {
              value: "on",
              label: t("settings.backupNightly"),
              hint: t("settings.backupNightlyHint", { folder: data.backups.folder, kept: data.backups.kept }),
            },
          ]}
        />
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/retention">
            {t("settings.retentionLink")}
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/settings/updates">
            {t("updatesSettings.link")}
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/settings/spoken">
            {t("spokenSettings.link")}
          </Link>
        </p>
        <button type="submit" className="govuk-button">
          {t("settings.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
