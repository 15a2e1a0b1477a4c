import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { confirmSecondFactor, mustHaveSecondFactor, recoveryCodesLeft, replaceRecoveryCodes, setUpSecret } from "~/accounts/second-factor.server";
import { getSession, requireCsrf, safeRedirect } from "~/accounts/session.server";
import { afterStep, requireStep } from "~/accounts/sign-in-steps.server";
import { ErrorSummary, type FieldError } from "~/components/ErrorSummary";
import { TwoThirds } from "~/components/Layout";
import { TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/**
 * Setting up a second factor: as a step of signing in (administrators and safeguarding leads must),
 * or from a signed-in account (moderators may). Also where new recovery codes are made.
 */
async function who(request: Request) {
  const session = await getSession(request);
  if (session) return { session, signingIn: false, redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")) };
  const step = await requireStep(request, "set_up_second_factor");
  return { session: step.session, signingIn: true, redirectTo: step.redirectTo };
}

async function state(userId: number) {
  const db = getDb();
  const user = await db.selectFrom("users").select(["role", "totp_enabled_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
  return { on: user.totp_enabled_at !== null, required: mustHaveSecondFactor(user.role), left: await recoveryCodesLeft(db, userId) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, signingIn, redirectTo } = await who(request);
  const t = await getFixedT(request, "staff");
  const now = await state(session.user.id);
  const setUp = now.on ? null : await setUpSecret(getDb(), session.user.id);
  return json({
    title: t("secondFactor.setUp.title"),
    csrf: session.csrfToken,
    signingIn,
    redirectTo,
    ...now,
    setUp: setUp && { qr: setUp.qr, key: setUp.grouped },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, signingIn, redirectTo } = await who(request);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, ["staff", "common"]);
  const db = getDb();
  const intent = form.get("intent");
  if (intent === "new-codes" && !signingIn && (await state(session.user.id)).on) {
    return json({ codes: await replaceRecoveryCodes(db, session.user.id), errors: [] as FieldError[] });
  }
  // Signing in: once the codes are kept, this was the last step; on to a signed-in session.
  if (intent === "finish" && signingIn && (await state(session.user.id)).on) return afterStep(db, session, "set_up_second_factor", redirectTo);
  if (intent !== "confirm") httpError(t, 400, "badForm");
  const code = String(form.get("code") ?? "").trim();
  if (!code) return formFailure(context, { errors: [{ field: "code", message: t("secondFactor.setUp.errors.missing") }], codes: null });
  const codes = await confirmSecondFactor(db, session.user.id, code);
  if (!codes) return formFailure(context, { errors: [{ field: "code", message: t("secondFactor.setUp.errors.wrong") }], codes: null });
  return json({ codes, errors: [] as FieldError[] });
}

function RecoveryCodes({ codes, csrf, signingIn }: { codes: string[]; csrf: string; signingIn: boolean }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h1 className="govuk-heading-l">{t("secondFactor.codes.title")}</h1>
      <p className="govuk-body">{t("secondFactor.codes.lead", { count: codes.length })}</p>
      <ul className="govuk-list app-recovery-codes" aria-label={t("secondFactor.codes.title")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="govuk-body">{t("secondFactor.codes.once")}</p>
      {signingIn ? (
        <form method="post">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" name="intent" value="finish" className="govuk-button">
            {t("secondFactor.codes.continue")}
          </button>
        </form>
      ) : (
        <Link to="/account/second-factor" className="govuk-button">
          {t("secondFactor.codes.continue")}
        </Link>
      )}
    </>
  );
}

export default function SecondFactor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = result?.errors ?? [];
  if (result?.codes) {
    return (
      <TwoThirds>
        <RecoveryCodes codes={result.codes} csrf={data.csrf} signingIn={data.signingIn} />
      </TwoThirds>
    );
  }
  const csrf = <input type="hidden" name={CSRF_FIELD} value={data.csrf} />;
  if (data.on) {
    return (
      <TwoThirds>
        <h1 className="govuk-heading-l">{t("secondFactor.on.title")}</h1>
        <p className="govuk-body">{t("secondFactor.on.lead", { count: data.left })}</p>
        <form method="post">
          {csrf}
          <button type="submit" name="intent" value="new-codes" className="govuk-button govuk-button--secondary">
            {t("secondFactor.on.newCodes")}
          </button>
        </form>
        <p className="govuk-body">{t("secondFactor.on.lostPhone")}</p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t("secondFactor.setUp.title")}</h1>
      <p className="govuk-body">{data.required ? t("secondFactor.setUp.required") : t("secondFactor.setUp.optional")}</p>
      <ol className="govuk-list govuk-list--number">
        <li>{t("secondFactor.setUp.stepApp")}</li>
        <li>
          {t("secondFactor.setUp.stepScan")}
          {/* The QR code is drawn on the server from the account's own otpauth address: an image, named by its text alternative below. */}
          <div className="app-qr" role="img" aria-label={t("secondFactor.setUp.qrLabel")} dangerouslySetInnerHTML={{ __html: data.setUp?.qr ?? "" }} />
          <p className="govuk-body">{t("secondFactor.setUp.stepKey")}</p>
          <p className="govuk-body">
            <code className="app-secret-key">{data.setUp?.key}</code>
          </p>
        </li>
        <li>{t("secondFactor.setUp.stepCode")}</li>
      </ol>
      <form method="post" noValidate>
        {csrf}
        <TextInput
          id="code"
          name="code"
          label={t("secondFactor.setUp.codeLabel")}
          hint={t("secondFactor.setUp.codeHint")}
          error={errors.find((error) => error.field === "code")?.message}
          autoComplete="one-time-code"
          className="govuk-input--width-10"
        />
        <button type="submit" name="intent" value="confirm" className="govuk-button">
          {t("secondFactor.setUp.submit")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
