import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { TextArea } from "~/components/TextFields";
import { intlLocale } from "~/i18n/config";
import type { PublicationState } from "./publishing.server";

export interface PublicationView {
  state: PublicationState;
  requested_by?: number | null;
  requested_at?: string | null;
  requested_by_name?: string | null;
  published_at?: string | null;
  published_by_name?: string | null;
  unpublish_reason?: string | null;
  corrections: { id: number; note: string; corrected_at: string }[];
}

/** Where an item is in publishing, and the buttons for the next step. */
export function PublicationPanel({ publication, csrf, userId, withdrawError }: { publication: PublicationView; csrf: string; userId: number; withdrawError?: string }) {
  const { t, i18n } = useTranslation("staff");
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const { state } = publication;
  return (
    <section className="app-publication" aria-labelledby="publication-heading" id="publish">
      <h2 className="govuk-heading-m" id="publication-heading">
        {t("publication.heading")}
      </h2>
      <p className="govuk-body">
        <strong className={`govuk-tag ${state === "published" ? "govuk-tag--green" : state === "awaiting" ? "govuk-tag--yellow" : "govuk-tag--grey"}`}>{t(`publication.states.${state}`)}</strong>
      </p>
      {publication.requested_at && publication.requested_by_name ? <p className="govuk-body-s">{t("publication.requestedBy", { name: publication.requested_by_name, date: date(publication.requested_at) })}</p> : null}
      {publication.published_at && publication.published_by_name ? <p className="govuk-body-s">{t("publication.publishedBy", { name: publication.published_by_name, date: date(publication.published_at) })}</p> : null}
      {state === "unpublished" && publication.unpublish_reason ? <p className="govuk-body-s">{t("publication.unpublishedReason", { reason: publication.unpublish_reason })}</p> : null}
      {state === "draft" || state === "unpublished" ? (
        <form method="post">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <p className="govuk-body">{t("publication.requestHint")}</p>
          <button type="submit" name="intent" value="publish-request" className="govuk-button">
            {t("publication.request")}
          </button>
        </form>
      ) : null}
      {state === "awaiting" && publication.requested_by !== userId ? (
        <form method="post">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <p className="govuk-body">{t("publication.approveHint")}</p>
          <button type="submit" name="intent" value="publish-approve" className="govuk-button">
            {t("publication.approve")}
          </button>
        </form>
      ) : null}
      {state === "published" ? (
        <form method="post" noValidate>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <TextArea id="withdrawReason" name="withdrawReason" label={t("publication.unpublishReason")} rows={2} error={withdrawError} />
          <button type="submit" name="intent" value="publish-withdraw" className="govuk-button govuk-button--warning">
            {t("publication.unpublish")}
          </button>
        </form>
      ) : null}
      {publication.corrections.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">{t("publication.corrections")}</h3>
          <ul className="govuk-list">
            {publication.corrections.map((correction) => (
              <li key={correction.id}>{t("publication.correctionRow", { date: date(correction.corrected_at), note: correction.note })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
