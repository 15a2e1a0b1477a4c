import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { handlePublicationIntent } from "~/publishing/publication-actions.server";
import { PublicationPanel } from "~/publishing/PublicationPanel";
import { isPublished, publicationOf } from "~/publishing/publishing.server";
import { pendingRevisions, proposeRevision } from "~/publishing/revisions.server";
import { statementContext } from "~/publishing/statement-page.server";
import { readStatementForm } from "~/publishing/statement-form";
import { FiguresPanel, StatementFields } from "~/publishing/StatementParts";
import { applyStatementChange, StatementError, statementDetail, updateStatement, type StatementInput } from "~/publishing/statements.server";
import { translatedLanguageOf } from "~/translations/languages";
import { statementTranslationProgress } from "~/translations/statement-translations.server";
import { TranslationsPanel } from "~/translations/TranslationParts";
import { fieldErrors } from "~/utils/forms";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function load(id: string | undefined, t: TFunction) {
  const statement = Number(id) > 0 ? await statementDetail(getDb(), Number(id)) : undefined;
  if (!statement) httpError(t, 404, "notFound");
  return statement;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const db = getDb();
  const statement = await load(params.id, t);
  const context = await statementContext(db, statement.theme_id, statement.period_id, await getLocale(request));
  if (!context) httpError(t, 404, "notFound");
  const [publication, revisions, progress] = await Promise.all([
    publicationOf(db, "statement", statement.id),
    pendingRevisions(db, "statement", statement.id),
    statementTranslationProgress(db, [statement.id]),
  ]);
  return json({
    title: t("statements.detail.title", { theme: context.theme.name, period: context.period.name }),
    csrf: session.csrfToken,
    userId: session.user.id,
    statement,
    publication,
    revisions,
    translations: {
      progress: progress.get(statement.id) ?? [],
      waiting: revisions.map((revision) => translatedLanguageOf(revision.kind)).filter((lang) => lang !== null),
    },
    notice: new URL(request.url).searchParams.get("notice"),
    ...context,
  });
}

export async function action({ request, params, context: loadContext }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  const { t, session } = staff;
  const statement = await load(params.id, t);
  const db = getDb();
  const url = `/moderate/statements/${statement.id}`;
  const apply = (kind: string, change: unknown) => applyStatementChange(db, statement.id, kind, change, session.user.id);
  const published = await handlePublicationIntent(db, staff, { entity: "statement", id: statement.id, url, apply }, loadContext);
  if (published) return published;

  const { values, parsed } = readStatementForm(staff);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "statements.errors");
  const live = await isPublished(db, "statement", statement.id);
  // Once public, a change is a correction: it needs a note, which is shown with a date.
  if (parsed.success && live && !parsed.data.correction) errors.push({ field: "correction", message: t("statements.errors.correction") });
  if (!parsed.success || errors.length > 0) return formFailure(loadContext, { errors, values });
  const input: StatementInput = { summary: parsed.data.summary, quoteIds: parsed.data.quote };
  try {
    if (live) {
      // The public keeps the approved words until a second person approves the change.
      await proposeRevision(
        db,
        "statement",
        statement.id,
        { kind: "details", payload: input, note: parsed.data.correction ?? "", correction: true },
        session.user,
      );
      throw redirect(`${url}?notice=revisionProposed`, 303);
    }
    await updateStatement(db, statement.id, input, Number(values.version), session.user.id);
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
  // The statement form shows what was typed only when it was the form that failed.
  const typed = failure?.values.intent === "save" ? failure.values : null;
  const notice =
    data.notice === "created"
      ? t("statements.new.created")
      : data.notice === "saved"
        ? t("statements.detail.saved")
        : data.notice
          ? t(`publication.done.${data.notice}`)
          : null;
  return (
    <>
      <BackLink to={`/moderate/statements?period=${data.period.id}`} />
      <ErrorSummary errors={errors} />
      {notice ? <Notice>{notice}</Notice> : null}
      <h1 className="govuk-heading-l">{t("statements.detail.title", { theme: data.theme.name, period: data.period.name })}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FiguresPanel figures={data.figures} threshold={data.threshold} />
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <input type="hidden" name="version" value={data.statement.version} />
            <StatementFields
              quotes={data.quotes}
              values={typed ?? { summary: data.statement.summary, quote: data.statement.quoteIds.join(",") }}
              errors={typed ? errors : []}
              published={data.publication.state === "published"}
            />
            <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
              {t("statements.form.save")}
            </button>
          </form>
          <TranslationsPanel
            progress={data.translations.progress}
            waiting={data.translations.waiting}
            translateUrl={(lang) => `/moderate/statements/${data.statement.id}/translate/${lang}`}
          />
        </div>
        <div className="govuk-grid-column-one-third">
          <PublicationPanel
            publication={data.publication}
            revisions={data.revisions}
            csrf={data.csrf}
            userId={data.userId}
            withdrawError={errors.find((e) => e.field === "withdrawReason")?.message}
          />
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
