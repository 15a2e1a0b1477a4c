import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { resetSecondFactor } from "~/accounts/second-factor.server";
import { requireStaff } from "~/accounts/session.server";
import { setPassword, temporaryPassword } from "~/accounts/sign-in-steps.server";
import { ChangeUserForm, organisationValues, roleValues } from "~/accounts/user-form";
import { getUser, updateUser } from "~/accounts/users.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { fieldErrors } from "~/utils/forms";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, ["staff", "common"]);
  const user = Number(id) > 0 ? await getUser(getDb(), Number(id)) : undefined;
  if (!user) httpError(t, 404, "notFound");
  return { session, t, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, user } = await load(request, params.id);
  const account = await getDb().selectFrom("users").select(["totp_enabled_at", "must_change_password"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  return json({
    title: t("users.edit.title", { name: user.name }),
    csrf: session.csrfToken,
    user,
    secondFactor: account.totp_enabled_at !== null,
    temporary: account.must_change_password === 1,
    saved: new URL(request.url).searchParams.get("saved"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, form, intent } = await readStaffForm(request, "admin");
  const { user } = await load(request, params.id);
  const db = getDb();
  // Someone locked out: a temporary password to read to them (changed at their next sign-in), or a
  // second factor cleared (a lost phone, no recovery codes). Both end their sessions and are audited.
  if (intent === "temporary-password") {
    const password = temporaryPassword();
    await setPassword(db, user.id, password, { byUserId: session.user.id, temporary: true });
    return json({ temporaryPassword: password, errors: [] as FieldError[], values: null });
  }
  if (intent === "reset-second-factor") {
    await resetSecondFactor(db, user.id, session.user.id);
    throw redirect(`/admin/users/${user.id}?saved=secondFactor`, 303);
  }
  if (intent !== "save") httpError(t, 400, "badForm");
  const parsed = ChangeUserForm.safeParse(Object.fromEntries(form));
  const values = { role: String(form.get("role") ?? ""), organisation: String(form.get("organisation") ?? ""), disabled: form.get("disabled") === "1" };
  if (!parsed.success) {
    const errors: FieldError[] = fieldErrors(parsed.error.issues, t, "users.errors");
    return formFailure(context, { errors, values, temporaryPassword: null });
  }
  // An administrator cannot lock themselves out; another administrator must do it.
  if (user.id === session.user.id && (parsed.data.disabled || parsed.data.role !== "administrator")) {
    return formFailure(context, { errors: [{ field: "role", message: t("users.edit.self") }], values, temporaryPassword: null });
  }
  await updateUser(db, user.id, { role: parsed.data.role, organisation: parsed.data.organisation, disabled: parsed.data.disabled === "1" }, session.user.id);
  throw redirect(`/admin/users/${user.id}?saved=1`, 303);
}

export default function EditUser() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? { role: data.user.role, organisation: data.user.organisation, disabled: data.user.disabled_at !== null };
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <BackLink to="/admin/users" />
      <ErrorSummary errors={errors} />
      {data.saved ? <Notice>{t(data.saved === "secondFactor" ? "users.access.secondFactorWasReset" : "users.edit.saved")}</Notice> : null}
      {failure?.temporaryPassword ? (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title">{t("users.access.temporaryTitle")}</h2>
          <div className="govuk-panel__body">
            <code className="app-secret-key">{failure.temporaryPassword}</code>
          </div>
        </div>
      ) : null}
      {failure?.temporaryPassword ? <p className="govuk-body">{t("users.access.temporaryOnce")}</p> : null}
      <h1 className="govuk-heading-l">{t("users.edit.title", { name: data.user.name })}</h1>
      <p className="govuk-body app-break-anywhere">{data.user.email}</p>
      <form method="post" noValidate className="app-narrow-form">
        {csrf}
        <Choices
          id="role"
          name="role"
          legend={t("users.role")}
          error={errorFor("role")}
          selected={[values.role]}
          items={roleValues.map((role) => ({ value: role, label: t(`users.roles.${role}`), hint: t(`users.roleHints.${role}`) }))}
        />
        <Choices
          id="organisation"
          name="organisation"
          legend={t("users.organisation")}
          error={errorFor("organisation")}
          selected={[values.organisation]}
          items={organisationValues.map((value) => ({ value, label: t(`users.organisations.${value}`) }))}
        />
        <Choices
          id="disabled"
          name="disabled"
          variant="checkboxes"
          legend={t("users.table.state")}
          selected={values.disabled ? ["1"] : []}
          items={[{ value: "1", label: t("users.edit.disable"), hint: t("users.edit.disableHint") }]}
        />
        <button type="submit" name="intent" value="save" className="govuk-button">
          {t("users.edit.save")}
        </button>
      </form>
      <h2 className="govuk-heading-m">{t("users.access.title")}</h2>
      <p className="govuk-body">{t(data.secondFactor ? "users.access.secondFactorOn" : "users.access.secondFactorOff")}</p>
      {data.temporary ? <p className="govuk-body">{t("users.access.temporaryWaiting")}</p> : null}
      <form method="post">
        {csrf}
        <p className="govuk-body">{t("users.access.temporaryHint")}</p>
        <button type="submit" name="intent" value="temporary-password" className="govuk-button govuk-button--secondary">
          {t("users.access.temporary")}
        </button>
      </form>
      {data.secondFactor ? (
        <form method="post">
          {csrf}
          <p className="govuk-body">{t("users.access.secondFactorHint")}</p>
          <button type="submit" name="intent" value="reset-second-factor" className="govuk-button govuk-button--warning">
            {t("users.access.secondFactorReset")}
          </button>
        </form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
