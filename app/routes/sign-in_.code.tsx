import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkSecondFactor, recoveryCodesLeft } from "~/accounts/second-factor.server";
import { afterStep, readStepForm, stepPageData } from "~/accounts/sign-in-steps.server";
import { SignInStepPage } from "~/accounts/SignInStepPage";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { countWrongGuess, requireFewWrongGuesses } from "~/utils/rate-limit.server";

export const handle = { i18n: ["common", "staff"] };

/** The second step of signing in for an account with a second factor: a code from the app, or a recovery code. */
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await stepPageData(request, "second_factor", "secondFactor.code.title"));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, redirectTo, form, t } = await readStepForm(request, "second_factor");
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
    <SignInStepPage
      title={t("secondFactor.code.title")}
      lead={t("secondFactor.code.lead")}
      csrf={data.csrf}
      errors={errors}
      submit={t("secondFactor.code.submit")}
      after={<p className="govuk-body">{t("secondFactor.code.lost")}</p>}
    >
      <TextInput
        id="code"
        name="code"
        label={t("secondFactor.code.label")}
        hint={t("secondFactor.code.hint")}
        error={errors.find((error) => error.field === "code")?.message}
        autoComplete="one-time-code"
        className="govuk-input--width-10"
      />
    </SignInStepPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
