import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { canSendResetLinks, requestPasswordReset, RESET_MINUTES } from "~/accounts/password-reset.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { consumeLimit } from "~/utils/rate-limit.server";

export const handle = { i18n: ["common", "staff"] };

const Email = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) });

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "staff");
  return json({ title: t("reset.ask.title"), canSend: canSendResetLinks(), minutes: RESET_MINUTES });
}

/** The same answer whether or not an account has the address, so the page cannot be used to find accounts. */
export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getFixedT(request, ["staff", "common"]);
  if (!canSendResetLinks()) httpError(t, 400, "badForm");
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const parsed = Email.safeParse({ email });
  if (!parsed.success) return formFailure(context, { errors: [{ field: "email", message: t("reset.ask.errors.email") }], email, sent: false });
  await consumeLimit("passwordReset", context.clientAddress, t);
  await requestPasswordReset(getDb(), parsed.data.email, t);
  return json({ errors: [], email: "", sent: true });
}

export default function ForgotPassword() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = result?.errors ?? [];
  return (
    <TwoThirds>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("reset.ask.title")}</h1>
      {!data.canSend ? (
        <p className="govuk-body">{t("reset.ask.noMail")}</p>
      ) : result?.sent ? (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title">{t("reset.ask.sentTitle")}</h2>
          <div className="govuk-panel__body">{t("reset.ask.sent", { count: data.minutes })}</div>
        </div>
      ) : (
        <>
          <p className="govuk-body">{t("reset.ask.lead", { count: data.minutes })}</p>
          <form method="post" noValidate>
            <TextInput
              id="email"
              name="email"
              type="email"
              label={t("signIn.email")}
              error={errors.find((error) => error.field === "email")?.message}
              defaultValue={result?.email}
              autoComplete="username"
              className="govuk-!-width-two-thirds"
            />
            <button type="submit" className="govuk-button">
              {t("reset.ask.submit")}
            </button>
          </form>
        </>
      )}
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
