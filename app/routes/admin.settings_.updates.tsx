import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { changeSettings, DEFAULT_LISTENED_TARGET, getSettings, withoutSecrets, type Settings } from "~/settings.server";
import { contactKey } from "~/updates/contact-crypto.server";
import { DEFAULT_KEEP_MONTHS } from "~/updates/contacts.server";
import { pageTitle } from "~/utils/meta";
import { fieldErrors } from "~/utils/forms";
import { formFailure } from "~/utils/http.server";
import { readStaffForm, type StaffFormFailure } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const wholeNumber = (min: number, max: number, fallback: number, error: string) =>
  z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback).transform(String);

/** The key is never shown again: left blank it stays as it is; ticking "remove" takes it away. */
const UpdatesSettingsForm = z.object({
  notify_api_key: z
    .string()
    .trim()
    .default("")
    .refine((key) => key === "" || /^[\w-]*[0-9a-f-]{73}$/i.test(key), { error: "apiKey" }),
  notify_remove: z.literal("yes", { error: "remove" }).optional(),
  notify_sms_template_id: z
    .string()
    .trim()
    .default("")
    .refine((id) => id === "" || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id), { error: "template" }),
  updates_keep_months: wholeNumber(1, 60, DEFAULT_KEEP_MONTHS, "keepMonths"),
  action_seen_target: wholeNumber(1, 100, DEFAULT_LISTENED_TARGET, "target"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  const settings = await getSettings(getDb());
  return json({
    title: t("updatesSettings.title"),
    csrf: session.csrfToken,
    settings: withoutSecrets(settings),
    keySet: settings.notify_api_key !== "",
    encryption: contactKey() !== null,
    saved: new URL(request.url).searchParams.has("saved"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "admin");
  const parsed = UpdatesSettingsForm.safeParse(staff.values);
  // The key typed is never sent back to the page, even to correct it.
  const shown = { ...staff.values };
  delete shown.notify_api_key;
  if (!parsed.success)
    return formFailure<StaffFormFailure>(context, { errors: fieldErrors(parsed.error.issues, staff.t, "updatesSettings.errors"), values: shown });
  const data = parsed.data;
  const { notify_api_key: key, notify_remove: remove, ...rest } = data;
  const changes: Partial<Settings> = { ...rest, ...(remove ? { notify_api_key: "" } : key ? { notify_api_key: key } : {}) };
  const keyChange = remove ? "removed" : key ? "replaced" : "unchanged";
  await changeSettings(getDb(), staff.session.user.id, changes, { ...rest, notify_api_key: keyChange });
  throw redirect("/admin/settings/updates?saved=1", 303);
}

export default function UpdatesSettings() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values: Partial<Record<string, string>> = failure?.values ?? data.settings;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.saved ? <Notice>{t("updatesSettings.saved")}</Notice> : null}
      <h1 className="govuk-heading-l">{t("updatesSettings.title")}</h1>
      <p className="govuk-body">{t("updatesSettings.lead")}</p>
      <p className="govuk-body govuk-!-font-weight-bold">{t(data.encryption ? "updatesSettings.encryptionOn" : "updatesSettings.encryptionOff")}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <h2 className="govuk-heading-m">{t("updatesSettings.notifyHeading")}</h2>
        <p className="govuk-body">{t("updatesSettings.notifyLead")}</p>
        <TextInput
          id="notify_api_key"
          name="notify_api_key"
          type="password"
          label={t("updatesSettings.apiKey")}
          hint={t(data.keySet ? "updatesSettings.apiKeyHintSet" : "updatesSettings.apiKeyHintNotSet")}
          error={errorFor("notify_api_key")}
        />
        {data.keySet ? (
          <Choices
            id="notify_remove"
            name="notify_remove"
            variant="checkboxes"
            legend={t("updatesSettings.removeLegend")}
            error={errorFor("notify_remove")}
            selected={values.notify_remove ? [values.notify_remove] : []}
            items={[{ value: "yes", label: t("updatesSettings.remove") }]}
          />
        ) : null}
        <TextInput
          id="notify_sms_template_id"
          name="notify_sms_template_id"
          label={t("updatesSettings.template")}
          hint={t("updatesSettings.templateHint")}
          error={errorFor("notify_sms_template_id")}
          defaultValue={values.notify_sms_template_id}
        />
        <h2 className="govuk-heading-m">{t("updatesSettings.keepingHeading")}</h2>
        <TextInput
          id="updates_keep_months"
          name="updates_keep_months"
          label={t("updatesSettings.keepMonths")}
          hint={t("updatesSettings.keepMonthsHint")}
          error={errorFor("updates_keep_months")}
          defaultValue={values.updates_keep_months}
          className="govuk-input--width-4"
        />
        <TextInput
          id="action_seen_target"
          name="action_seen_target"
          label={t("updatesSettings.target")}
          hint={t("updatesSettings.targetHint")}
          error={errorFor("action_seen_target")}
          defaultValue={values.action_seen_target}
          className="govuk-input--width-4"
        />
        <button type="submit" className="govuk-button">
          {t("updatesSettings.save")}
        </button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/settings">
          {t("updatesSettings.back")}
        </Link>
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
