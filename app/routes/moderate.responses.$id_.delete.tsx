import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { ErrorSummary } from "~/components/ErrorSummary";
import { BackLink } from "~/components/Layout";
import { Notice } from "~/components/Notice";
import { TextArea } from "~/components/TextFields";
import { intlLocale } from "~/i18n/config";
import { deletePageData, deletePagePost } from "~/responses/erasure-page.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await deletePageData(request, params.id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return deletePagePost(request, params.id, context);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function DeleteResponse() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("staff");
  const { response } = page;
  const errors = failure?.errors ?? [];
  const values: Record<string, string> = failure?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "long" }).format(new Date(iso));
  return (
    <>
      <BackLink to={response.request ? "/moderate/erasure" : response.flagged ? "/moderate/safeguarding" : `/moderate/responses/${response.id}`} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{response.surveyTitle}</span>
      <h1 className="govuk-heading-l">{page.title}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("erasure.delete.sent")}</dt>
          <dd className="govuk-summary-list__value">{date(response.submittedAt)}</dd>
        </div>
        {response.request ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t("erasure.delete.asked")}</dt>
            <dd className="govuk-summary-list__value">{t("erasure.delete.askedWithReference", { date: date(response.request.requestedAt) })}</dd>
          </div>
        ) : null}
      </dl>
      <WillGo counts={response.counts} />
      {response.held ? <Notice>{t("erasure.delete.held")}</Notice> : <DeleteForm page={page} errorFor={errorFor} typed={values.reason} />}
      {response.request ? <RefuseForm page={page} errorFor={errorFor} typed={values.refusal} /> : null}
    </>
  );
}

function WillGo({ counts }: { counts: Page["response"]["counts"] }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h2 className="govuk-heading-m">{t("erasure.delete.willGo")}</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>{t("erasure.delete.counts.answers", { count: counts.answers })}</li>
        <li>{t("erasure.delete.counts.tags", { count: counts.tags })}</li>
        <li>{t("erasure.delete.counts.notes", { count: counts.notes })}</li>
        <li>{t("erasure.delete.counts.quotes", { count: counts.quotes })}</li>
        {counts.publishedQuotes > 0 ? <li>{t("erasure.delete.counts.published", { count: counts.publishedQuotes })}</li> : null}
      </ul>
      <p className="govuk-body">{t("erasure.delete.figures")}</p>
    </>
  );
}

type ErrorFor = (field: string) => string | undefined;

function DeleteForm({ page, errorFor, typed }: { page: Page; errorFor: ErrorFor; typed?: string }) {
  const { t } = useTranslation("staff");
  const { request } = page.response;
  return (
    <form method="post" noValidate>
      <input type="hidden" name={CSRF_FIELD} value={page.csrf} />
      {request ? <input type="hidden" name="request" value={request.id} /> : null}
      <TextArea
        id="reason"
        name="reason"
        label={t("erasure.delete.reason")}
        hint={t("erasure.delete.reasonHint")}
        rows={3}
        error={errorFor("reason")}
        defaultValue={typed ?? (request ? t("erasure.delete.requestReason") : "")}
      />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">{t("erasure.delete.cannotUndo")}</strong>
      </div>
      <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning">
        {t("erasure.delete.submit")}
      </button>
    </form>
  );
}

function RefuseForm({ page, errorFor, typed }: { page: Page; errorFor: ErrorFor; typed?: string }) {
  const { t } = useTranslation("staff");
  return (
    <>
      <h2 className="govuk-heading-m">{t("erasure.refuse.heading")}</h2>
      <p className="govuk-body">{t("erasure.refuse.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={page.csrf} />
        <input type="hidden" name="request" value={page.response.request?.id} />
        <TextArea id="refusal" name="refusal" label={t("erasure.refuse.reason")} rows={3} error={errorFor("refusal")} defaultValue={typed ?? ""} />
        <button type="submit" name="intent" value="refuse" className="govuk-button govuk-button--secondary">
          {t("erasure.refuse.submit")}
        </button>
      </form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
