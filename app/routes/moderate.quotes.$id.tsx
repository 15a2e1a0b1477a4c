import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireCsrf, requireStaff } from "~/accounts/session.server";
import { Choices } from "~/components/Choices";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { TextArea } from "~/components/TextFields";
import { QuoteTranslationField } from "~/moderation/QuoteTranslationField";
import { getDb } from "~/db.server";
import { intlLocale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { themeChoices } from "~/moderation/queue.server";
import { quoteFormError, quoteFormValues, readQuoteForm } from "~/moderation/quote-form";
import { applyApprovedQuoteEdit, approveQuote, editQuote, isApprovedQuote, QuoteError, quoteDetail, type QuoteInput } from "~/moderation/quotes.server";
import { PendingRevisions } from "~/publishing/PublicationPanel";
import { PublishError } from "~/publishing/publishing.server";
import { approveRevision, pendingRevisions, proposeRevision, withdrawRevision } from "~/publishing/revisions.server";
import { formFailure, httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { Notice } from "~/components/Notice";

export const handle = { i18n: ["common", "staff"] };

async function load(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const quote = Number(id) > 0 ? await quoteDetail(getDb(), Number(id)) : undefined;
  // A quote whose response was flagged, or whose consent is gone, is hidden from everyone here.
  if (!quote || quote.flagged || !quote.quote_consent) httpError(t, 404, "notFound");
  return { session, t, quote };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, t, quote } = await load(request, params.id);
  const url = new URL(request.url);
  return json({
    title: t("quotes.detail.title", { id: quote.id }),
    csrf: session.csrfToken,
    quote,
    canApprove: !quote.approvals.some((approval) => approval.user_id === session.user.id),
    themes: await themeChoices(getDb(), await getLocale(request)),
    userId: session.user.id,
    revisions: await pendingRevisions(getDb(), "quote", quote.id),
    notice: url.searchParams.has("created")
      ? "created"
      : url.searchParams.has("approved")
        ? "approvedNow"
        : url.searchParams.has("saved")
          ? "saved"
          : url.searchParams.get("notice"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, t, quote } = await load(request, params.id);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const values = quoteFormValues(form);
  const db = getDb();
  const intent = form.get("intent");
  try {
    if (intent === "revision-approve" || intent === "revision-withdraw") {
      const revision = Number(form.get("revision"));
      if (intent === "revision-withdraw") await withdrawRevision(db, "quote", quote.id, revision, session.user);
      else
        await approveRevision(db, "quote", quote.id, revision, session.user, (_kind, change, proposedBy) =>
          applyApprovedQuoteEdit(db, quote.id, change as QuoteInput, proposedBy, session.user),
        );
      throw redirect(`/moderate/quotes/${quote.id}?notice=${intent === "revision-approve" ? "revisionApproved" : "revisionWithdrawn"}`, 303);
    }
    if (intent === "approve") {
      await approveQuote(getDb(), quote.id, session.user);
      throw redirect(`/moderate/quotes/${quote.id}?approved=1`, 303);
    }
    const parsed = readQuoteForm(form);
    if (!parsed.success) {
      const { field, key } = quoteFormError(parsed.error);
      return formFailure(context, { errors: [{ field, message: t(`quotes.errors.${key}`) }], values });
    }
    const input: QuoteInput = { text: parsed.data.text, themeIds: parsed.data.theme, translation: parsed.data.translation };
    if (await isApprovedQuote(db, quote.id)) {
      // Public words: the public keeps the approved version until a second person approves the change.
      await proposeRevision(db, "quote", quote.id, { kind: "details", payload: input, note: input.text, correction: false }, session.user);
      throw redirect(`/moderate/quotes/${quote.id}?notice=revisionProposed`, 303);
    }
    await editQuote(db, quote.id, input, session.user);
    throw redirect(`/moderate/quotes/${quote.id}?saved=1`, 303);
  } catch (error) {
    if (error instanceof PublishError) return formFailure(context, { errors: [{ field: "text", message: t(`publication.errors.${error.reason}`) }], values });
    if (!(error instanceof QuoteError)) throw error;
    return formFailure(context, {
      errors: [{ field: form.get("intent") === "approve" ? "approve" : "text", message: t(`quotes.errors.${error.reason}`) }],
      values,
    });
  }
}

export default function Quote() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const errors = failure?.errors ?? [];
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const { quote } = data;
  return (
    <>
      <BackLink to="/moderate/quotes" />
      <ErrorSummary errors={errors} />
      {data.notice ? <Notice>{data.notice.startsWith("revision") ? t(`publication.done.${data.notice}`) : t(`quotes.detail.${data.notice}`)}</Notice> : null}
      <span className="govuk-caption-l">{t("quotes.new.from", { reference: quote.reference })}</span>
      <h1 className="govuk-heading-l">{t("quotes.detail.title", { id: quote.id })}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <blockquote className="app-quote" lang={quote.lang}>
            <p className="govuk-body-l app-free-text">{quote.text}</p>
          </blockquote>
          <p className="govuk-body">
            <strong className={`govuk-tag ${quote.approved_at ? "govuk-tag--green" : "govuk-tag--yellow"}`}>
              {quote.approved_at ? t("quotes.approved") : t("quotes.waiting", { count: quote.approvals.length })}
            </strong>{" "}
            {quote.approved_at ? t("quotes.detail.approvedNote") : t("quotes.detail.waitingNote")}
          </p>
          <h2 className="govuk-heading-s">{t("quotes.detail.approvals")}</h2>
          <ul className="govuk-list">
            {quote.approvals.map((approval) => (
              <li key={approval.user_id}>
                {t("quotes.detail.approvedBy", {
                  name: approval.name,
                  side: t(`users.organisations.${approval.organisation}`),
                  date: date(approval.approved_at),
                })}
              </li>
            ))}
          </ul>
          {data.canApprove && !quote.approved_at ? (
            <form method="post">
              <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
              <p className="govuk-body" id="approve-hint">
                {t("quotes.detail.approveHint")}
              </p>
              <button type="submit" name="intent" value="approve" className="govuk-button" id="approve" aria-describedby="approve-hint">
                {t("quotes.detail.approve")}
              </button>
            </form>
          ) : null}
          <h2 className="govuk-heading-s">{t("quotes.detail.original")}</h2>
          <blockquote className="app-original" lang={quote.lang}>
            <p className="govuk-body app-free-text">{quote.original}</p>
          </blockquote>
        </div>
        <div className="govuk-grid-column-one-half">
          <PendingRevisions revisions={data.revisions} csrf={data.csrf} userId={data.userId} />
          <h2 className="govuk-heading-m">{t("quotes.detail.edit")}</h2>
          <form method="post" noValidate>
            <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
            <TextArea
              id="text"
              name="text"
              label={t("quotes.new.text")}
              hint={t("quotes.detail.editHint")}
              rows={6}
              error={errors.find((e) => e.field === "text")?.message}
              defaultValue={failure?.values.text ?? quote.text}
            />
            <QuoteTranslationField
              lang={quote.lang}
              error={errors.find((e) => e.field === "translation")?.message}
              defaultValue={failure?.values.translation ?? quote.translation ?? ""}
            />
            <Choices
              id="themes"
              name="theme"
              variant="checkboxes"
              className="govuk-checkboxes--small"
              legend={t("quotes.new.themes")}
              selected={failure?.values.themeIds ?? quote.themeIds.map(String)}
              items={data.themes.map((theme) => ({ value: String(theme.id), label: theme.name }))}
            />
            <button type="submit" name="intent" value="edit" className="govuk-button govuk-button--secondary">
              {t("quotes.detail.save")}
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
