import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields, readNewPassword } from "~/accounts/NewPasswordFields";
import { afterStep, changePassword, readStepForm, stepPageData } from "~/accounts/sign-in-steps.server";
import { SignInStepPage } from "~/accounts/SignInStepPage";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** After signing in with a temporary password an administrator gave: the person chooses their own. */
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await stepPageData(request, "change_password", "newPassword.title"));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, redirectTo, form, t } = await readStepForm(request, "change_password");
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
    <SignInStepPage title={t("newPassword.title")} lead={t("newPassword.lead")} csrf={data.csrf} errors={errors} submit={t("newPassword.submit")}>
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
    </SignInStepPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
