import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { handlePublicationIntent } from "~/publishing/publication-actions.server";
import { PublicationPanel } from "~/publishing/PublicationPanel";
import { isPublished, publicationOf } from "~/publishing/publishing.server";
import { pendingRevisions, proposeRevision } from "~/publishing/revisions.server";
import { statementContext } from "~/publishing/statement-page.server";
import { readStatementForm } from "~/publishing/statement-form";
import { FiguresPanel, StatementFields } from "~/publishing/StatementParts";
import { StatementError, statementDetail, updateStatement, type StatementInput } from "~/publishing/statements.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";
import { fieldErrors } from "~/utils/forms";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const lang = await getLocale(request);
  const statement = Number(id) > 0 ? await statementDetail(getDb(), Number(id), lang) : undefined;
  const context = statement ? await statementContext(getDb(), statement.theme_id, statement.period_id, lang) : undefined;
  if (!statement || !context) httpError(t, 404, "notFound");
  return { session, t, statement, context };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, statement, context } = await load(request, params.id);
  return json({
    title: t("statements.detail.title", { theme: context.theme.name, period: context.period.name }),
    csrf: session.csrfToken,
    userId: session.user.id,
    statement,
    publication: await publicationOf(getDb(), "statement", statement.id),
    revisions: await pendingRevisions(getDb(), "statement", statement.id),
    notice: new URL(request.url).searchParams.get("notice"),
    ...context,
  });
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const { session, t, statement } = await load(request, params.id);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const db = getDb();
  const url = `/moderate/statements/${statement.id}`;
  const apply = async (_kind: string, change: unknown) => {
    const fresh = await db.selectFrom("statements").select("version").where("id", "=", statement.id).executeTakeFirstOrThrow();
    await updateStatement(db, statement.id, change as StatementInput, fresh.version, session.user.id);
  };
  const published = await handlePublicationIntent(db, form, { entity: "statement", id: statement.id, url, apply }, session, t, loadContext);
  if (published) return published;

  const { values, parsed } = readStatementForm(form);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "statements.errors");
  const live = await isPublished(db, "statement", statement.id);
  // Once public, a change is a correction: it needs a note, which is shown with a date.
  if (parsed.success && live && !parsed.data.correction) errors.push({ field: "correction", message: t("statements.errors.correction") });
  if (!parsed.success || errors.length > 0) return formFailure(loadContext, { errors, values });
  const input: StatementInput = { summary: parsed.data.summary, quoteIds: parsed.data.quote };
  try {
    if (live) {
      // The public keeps the approved words until a second person approves the change.
      await proposeRevision(db, "statement", statement.id, { kind: "details", payload: input, note: parsed.data.correction ?? "", correction: true }, session.user);
      throw redirect(`${url}?notice=revisionProposed`, 303);
    }
    await updateStatement(db, statement.id, input, Number(form.get("version")), session.user.id);
  } catch (error) {
    if (!(error instanceof StatementError)) throw error;
    return formFailure(loadContext, { errors: [{ field: "summary", message: t(`statements.errors.${error.reason}`) }], values });
  }
  throw redirect(`${url}?notice=saved`, 303);
}

export default function StatementPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const notice = data.notice === "created" ? t("statements.new.created") : data.notice === "saved" ? t("statements.detail.saved") : data.notice ? t(`publication.done.${data.notice}`) : null;
  return (
    <>
      <BackLink to={`/moderate/statements?period=${data.period.id}`} />
      <ErrorSummary errors={errors} />
      {notice ? (
        <Notice>{notice}</Notice>
      ) : null}
      <h1 className="govuk-heading-l">{t("statements.detail.title", { theme: data.theme.name, period: data.period.name })}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FiguresPanel figures={data.figures} threshold={data.threshold} />
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <input type="hidden" name="version" value={data.statement.version} />
            <StatementFields
              quotes={data.quotes}
              values={failure?.values ?? { summary: data.statement.summary, quote: data.statement.quoteIds.map(String) }}
              errors={errors}
              published={data.publication.state === "published"}
            />
            <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
              {t("statements.form.save")}
            </button>
          </form>
        </div>
        <div className="govuk-grid-column-one-third">
          <PublicationPanel publication={data.publication} revisions={data.revisions} csrf={data.csrf} userId={data.userId} withdrawError={errors.find((e) => e.field === "withdrawReason")?.message} />
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
