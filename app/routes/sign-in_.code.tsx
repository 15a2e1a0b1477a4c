import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { checkSecondFactor, recoveryCodesLeft } from "~/accounts/second-factor.server";
import { requireCsrf } from "~/accounts/session.server";
import { afterStep, requireStep } from "~/accounts/sign-in-steps.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { countWrongGuess, requireFewWrongGuesses } from "~/utils/rate-limit.server";

export const handle = { i18n: ["common", "staff"] };

/** The second step of signing in for an account with a second factor: a code from the app, or a recovery code. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session, redirectTo } = await requireStep(request, "second_factor");
  const t = await getFixedT(request, "staff");
  return json({ title: t("secondFactor.code.title"), csrf: session.csrfToken, redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, redirectTo } = await requireStep(request, "second_factor");
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, ["staff", "common"]);
  const code = String(form.get("code") ?? "").trim();
  if (!code) return formFailure(context, { errors: [{ field: "code", message: t("secondFactor.code.errors.missing") }] });
  const who = String(session.user.id);
  await requireFewWrongGuesses("secondFactor", who, t);
  const db = getDb();
  const matched = await checkSecondFactor(db, session.user.id, code);
  if (!matched) {
    await countWrongGuess("secondFactor", who);
    return formFailure(context, { errors: [{ field: "code", message: t("secondFactor.code.errors.wrong") }] });
  }
  // Running out of recovery codes: the account page says how many are left, so say so there.
  const target = matched === "recovery" && (await recoveryCodesLeft(db, session.user.id)) < 3 ? "/account/second-factor" : redirectTo;
  return afterStep(db, session, "second_factor", target);
}

export default function SignInCode() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  return (
    <TwoThirds>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("secondFactor.code.title")}</h1>
      <p className="govuk-body">{t("secondFactor.code.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextInput
          id="code"
          name="code"
          label={t("secondFactor.code.label")}
          hint={t("secondFactor.code.hint")}
          error={errors.find((error) => error.field === "code")?.message}
          autoComplete="one-time-code"
          className="govuk-input--width-10"
        />
        <button type="submit" className="govuk-button">
          {t("secondFactor.code.submit")}
        </button>
      </form>
      <p className="govuk-body">{t("secondFactor.code.lost")}</p>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
