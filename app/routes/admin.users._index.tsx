import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { passwordProblem } from "~/accounts/password.server";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { NewUserForm, organisationValues, roleValues } from "~/accounts/user-form";
import { createUser, findUserByEmail, listUsers } from "~/accounts/users.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { Table } from "~/components/Table";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { fieldErrors, formValues } from "~/utils/forms";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const t = await getFixedT(request, "staff");
  return json({ title: t("users.title"), csrf: session.csrfToken, users: await listUsers(getDb()) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, "staff");
  const values = formValues(form, ["password"]);
  const parsed = NewUserForm.safeParse(Object.fromEntries(form));
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "users.errors");
  if (parsed.success) {
    const problem = passwordProblem(parsed.data.password, parsed.data.email);
    if (problem) errors.push({ field: "password", message: t(`users.errors.password.${problem}`) });
    if (await findUserByEmail(getDb(), parsed.data.email)) errors.push({ field: "email", message: t("users.errors.emailTaken") });
  }
  if (!parsed.success || errors.length > 0) return formFailure(context, { errors, values });
  await createUser(getDb(), parsed.data, session.user.id);
  return json({ added: t("users.added", { name: parsed.data.name }) });
}

export default function Users() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = result && "errors" in result ? result.errors : [];
  const values = result && "values" in result ? result.values : {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("users.title")}</h1>
      <p className="govuk-body">{t("users.lead")}</p>
      {result && "added" in result ? <Notice>{result.added}</Notice> : null}
      <Table
        caption={t("users.title")}
        headers={[
          t("users.table.name"),
          t("users.table.email"),
          t("users.table.role"),
          t("users.table.organisation"),
          t("users.table.state"),
          t("users.table.actions"),
        ]}
      >
        {data.users.map((user) => (
          <tr key={user.id} className="govuk-table__row">
            <td className="govuk-table__cell">{user.name}</td>
            <td className="govuk-table__cell app-break-anywhere">{user.email}</td>
            <td className="govuk-table__cell">{t(`users.roles.${user.role}`)}</td>
            <td className="govuk-table__cell">{t(`users.organisations.${user.organisation}`)}</td>
            <td className="govuk-table__cell">{user.disabled_at ? t("users.disabled") : t("users.active")}</td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/admin/users/${user.id}`}>
                {t("users.change")}
                <span className="govuk-visually-hidden"> {t("users.changeHidden", { name: user.name })}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>

      <h2 className="govuk-heading-m">{t("users.add")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput id="name" name="name" label={t("users.name")} error={errorFor("name")} defaultValue={values.name} autoComplete="off" />
        <TextInput id="email" name="email" type="email" label={t("users.email")} error={errorFor("email")} defaultValue={values.email} autoComplete="off" />
        <Choices
          id="role"
          name="role"
          legend={t("users.role")}
          error={errorFor("role")}
          selected={values.role ? [values.role] : []}
          items={roleValues.map((role) => ({ value: role, label: t(`users.roles.${role}`), hint: t(`users.roleHints.${role}`) }))}
        />
        <Choices
          id="organisation"
          name="organisation"
          legend={t("users.organisation")}
          hint={t("users.organisationHint")}
          error={errorFor("organisation")}
          selected={values.organisation ? [values.organisation] : []}
          items={organisationValues.map((value) => ({ value, label: t(`users.organisations.${value}`) }))}
        />
        <TextInput
          id="password"
          name="password"
          type="password"
          label={t("users.password")}
          hint={t("users.passwordHint")}
          error={errorFor("password")}
          autoComplete="new-password"
        />
        <button type="submit" className="govuk-button">
          {t("users.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
