import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { statementContext } from "~/publishing/statement-page.server";
import { readStatementForm } from "~/publishing/statement-form";
import { FiguresPanel, StatementFields } from "~/publishing/StatementParts";
import { createStatement, StatementError } from "~/publishing/statements.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { fieldErrors } from "~/utils/forms";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const url = new URL(request.url);
  const context = await statementContext(getDb(), Number(url.searchParams.get("theme")), Number(url.searchParams.get("period")), await getLocale(request));
  if (!context) httpError(t, 404, "notFound");
  return { session, t, context };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, t, context } = await load(request);
  return json({ title: t("statements.new.title", { theme: context.theme.name, period: context.period.name }), csrf: session.csrfToken, ...context });
}

export async function action({ request, context: loadContext }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  const { t, context } = await load(request);
  const { values, parsed } = readStatementForm(staff);
  if (!parsed.success) {
    return formFailure(loadContext, { errors: fieldErrors(parsed.error.issues, t, "statements.errors"), values });
  }
  try {
    const id = await createStatement(
      getDb(),
      context.theme.id,
      context.period.id,
      { summary: parsed.data.summary, quoteIds: parsed.data.quote },
      staff.session.user.id,
    );
    throw redirect(`/moderate/statements/${id}?notice=created`, 303);
  } catch (error) {
    if (!(error instanceof StatementError)) throw error;
    return formFailure(loadContext, { errors: [{ field: "summary", message: t(`statements.errors.${error.reason}`) }], values });
  }
}

export default function NewStatement() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <>
      <BackLink to={`/moderate/statements?period=${data.period.id}`} />
      <ErrorSummary errors={failure?.errors ?? []} />
      <h1 className="govuk-heading-l">{t("statements.new.title", { theme: data.theme.name, period: data.period.name })}</h1>
      <FiguresPanel figures={data.figures} threshold={data.threshold} />
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <StatementFields quotes={data.quotes} values={failure?.values ?? {}} errors={failure?.errors ?? []} published={false} />
        <button type="submit" className="govuk-button">
          {t("statements.form.save")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
