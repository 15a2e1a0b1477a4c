import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf } from "~/accounts/session.server";
import { afterStep, changePassword, requireStep } from "~/accounts/sign-in-steps.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { NewPasswordFields, readNewPassword } from "~/accounts/NewPasswordFields";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** After signing in with a temporary password an administrator gave: the person chooses their own. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session, redirectTo } = await requireStep(request, "change_password");
  const t = await getFixedT(request, "staff");
  return json({ title: t("newPassword.title"), csrf: session.csrfToken, redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, redirectTo } = await requireStep(request, "change_password");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, ["staff", "common"]);
  const { password, errors } = readNewPassword(form, t);
  const current = String(form.get("current") ?? "");
  if (!current) errors.unshift({ field: "current", message: t("newPassword.errors.current") });
  if (errors.length) return formFailure(context, { errors });
  const db = getDb();
  const problem = await changePassword(db, session.user.id, current, password);
  if (problem)
    return formFailure(context, { errors: [{ field: problem === "wrongCurrent" ? "current" : "password", message: t(`newPassword.errors.${problem}`) }] });
  return afterStep(db, session, "change_password", redirectTo);
}

export default function NewPassword() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  return (
    <TwoThirds>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("newPassword.title")}</h1>
      <p className="govuk-body">{t("newPassword.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput
          id="current"
          name="current"
          type="password"
          label={t("newPassword.current")}
          error={errors.find((error) => error.field === "current")?.message}
          autoComplete="current-password"
          className="govuk-!-width-two-thirds"
        />
        <NewPasswordFields errors={errors} />
        <button type="submit" className="govuk-button">
          {t("newPassword.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
