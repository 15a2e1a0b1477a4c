import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields, readNewPassword } from "~/accounts/NewPasswordFields";
import { resetLinkUser, resetPassword } from "~/accounts/password-reset.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** A link from the email: choose a new password. A used or late link says so, with a way to ask again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "staff");
  const user = await resetLinkUser(getDb(), params.token ?? "");
  return json({ title: t(user ? "reset.choose.title" : "reset.expired.title"), valid: user !== null }, { status: user ? 200 : 410 });
}

/** The token is in the address: no link on this page may carry it to another site, or even to this one. */
export const headers = () => ({ "Referrer-Policy": "no-referrer" });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getFixedT(request, ["staff", "common"]);
  const form = await request.formData();
  const { password, errors } = readNewPassword(form, t);
  if (errors.length) return formFailure(context, { errors });
  const problem = await resetPassword(getDb(), params.token ?? "", password);
  if (problem === "expired") return json({ errors: [{ field: "password", message: t("reset.expired.lead") }] }, { status: 410 });
  if (problem) return formFailure(context, { errors: [{ field: "password", message: t(`newPassword.errors.${problem}`) }] });
  throw redirect("/sign-in?passwordChanged=1", 303);
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  if (!data.valid) {
    return (
      <TwoThirds>
        <h1 className="govuk-heading-l">{t("reset.expired.title")}</h1>
        <p className="govuk-body">{t("reset.expired.lead")}</p>
        <p className="govuk-body">
          <Link to="/forgot-password" className="govuk-link">
            {t("reset.expired.again")}
          </Link>
        </p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("reset.choose.title")}</h1>
      <form method="post" noValidate>
        <NewPasswordFields errors={errors} />
        <button type="submit" className="govuk-button">
          {t("newPassword.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
