import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { audit } from "~/accounts/audit.server";
import { dummyHash, verifyPassword } from "~/accounts/password.server";
import { getSession, getSignInStep, landingFor, safeRedirect, stepPages } from "~/accounts/session.server";
import { advance } from "~/accounts/sign-in-steps.server";
import { recordFailedSignIn, rememberDevice, signInAttempt, signInWait } from "~/accounts/throttle.server";
import { findUserByEmail, normaliseEmail } from "~/accounts/users.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";

export const handle = { i18n: ["common", "staff"] };

const SignInSchema = z.object({
  email: z.string().trim().min(1, { error: "email" }),
  password: z.string().min(1, { error: "password" }),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  const session = await getSession(request);
  if (session) throw redirect(landingFor(session.user.role, redirectTo));
  const step = await getSignInStep(request);
  if (step) throw redirect(`${stepPages[step.pending]}?${new URLSearchParams({ redirectTo })}`);
  const t = await getFixedT(request, "staff");
  const notice = (["signedOut", "timedOut", "passwordChanged"] as const).find((key) => url.searchParams.has(key)) ?? null;
  return json({ title: t("signIn.title"), redirectTo, notice });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getFixedT(request, "staff");
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email : "";
  const parsed = SignInSchema.safeParse(form);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((issue) => ({
      field: String(issue.path[0]),
      message: t(`signIn.errors.${issue.message}`),
    }));
    return formFailure(context, { errors, email });
  }

  const db = getDb();
  const attempt = await signInAttempt(db, request, normaliseEmail(parsed.data.email), context.clientAddress);
  const wait = await signInWait(attempt);
  if (wait > 0) {
    const message = t("signIn.errors.throttled", { count: Math.ceil(wait / 60) });
    return json({ errors: [{ field: "email", message }], email }, { status: 429, headers: { "Retry-After": String(wait) } });
  }

  const user = await findUserByEmail(db, attempt.account);
  // Always run the slow check, so the time taken does not tell whether the account exists.
  const matches = await verifyPassword(parsed.data.password, user?.password_hash ?? (await dummyHash()));
  if (!user || !matches || user.disabled_at) {
    await recordFailedSignIn(db, attempt, user?.id ?? null);
    return formFailure(context, { errors: [{ field: "email", message: t("signIn.errors.wrong") }], email });
  }

  await audit(db, { userId: user.id, action: "sign_in.password", entity: "user", entityId: user.id });
  const { cookie, step } = await advance(db, user.id, "password", null);
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", await rememberDevice(db, user.id, attempt));
  const redirectTo = safeRedirect(parsed.data.redirectTo);
  throw redirect(step ? `${stepPages[step]}?${new URLSearchParams({ redirectTo })}` : landingFor(user.role, redirectTo), { status: 303, headers });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errorFor = (field: string) => failure?.errors.find((error) => error.field === field)?.message;
  return (
    <TwoThirds>
      <ErrorSummary errors={failure?.errors ?? []} />
      {notice && !failure ? <Notice>{t(`signIn.${notice}`)}</Notice> : null}
      <h1 className="govuk-heading-l">{t("signIn.title")}</h1>
      <p className="govuk-body">{t("signIn.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextInput
          id="email"
          name="email"
          label={t("signIn.email")}
          error={errorFor("email")}
          defaultValue={failure?.email}
          autoComplete="username"
          type="email"
          className="govuk-!-width-two-thirds"
        />
        <TextInput
          id="password"
          name="password"
          label={t("signIn.password")}
          error={errorFor("password")}
          autoComplete="current-password"
          type="password"
          className="govuk-!-width-two-thirds"
        />
        <button type="submit" className="govuk-button">
          {t("signIn.submit")}
        </button>
      </form>
      <p className="govuk-body">
        <Link to="/forgot-password" className="govuk-link">
          {t("signIn.forgotten")}
        </Link>
      </p>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
