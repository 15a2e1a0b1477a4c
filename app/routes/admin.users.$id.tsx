import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
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
  return json({ title: t("users.edit.title", { name: user.name }), csrf: session.csrfToken, user, saved: new URL(request.url).searchParams.has("saved") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, user } = await load(request, params.id);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const parsed = ChangeUserForm.safeParse(Object.fromEntries(form));
  const values = { role: String(form.get("role") ?? ""), organisation: String(form.get("organisation") ?? ""), disabled: form.get("disabled") === "1" };
  if (!parsed.success) {
    const errors: FieldError[] = fieldErrors(parsed.error.issues, t, "users.errors");
    return formFailure(context, { errors, values });
  }
  // An administrator cannot lock themselves out; another administrator must do it.
  if (user.id === session.user.id && (parsed.data.disabled || parsed.data.role !== "administrator")) {
    return formFailure(context, { errors: [{ field: "role", message: t("users.edit.self") }], values });
  }
  await updateUser(getDb(), user.id, { role: parsed.data.role, organisation: parsed.data.organisation, disabled: parsed.data.disabled === "1" }, session.user.id);
  throw redirect(`/admin/users/${user.id}?saved=1`, 303);
}

export default function EditUser() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const values = failure?.values ?? { role: data.user.role, organisation: data.user.organisation, disabled: data.user.disabled_at !== null };
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <BackLink to="/admin/users" />
      <ErrorSummary errors={errors} />
      {data.saved ? (
        <Notice>{t("users.edit.saved")}</Notice>
      ) : null}
      <h1 className="govuk-heading-l">{t("users.edit.title", { name: data.user.name })}</h1>
      <p className="govuk-body app-break-anywhere">{data.user.email}</p>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
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
        <button type="submit" className="govuk-button">
          {t("users.edit.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
