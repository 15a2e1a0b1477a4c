import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "~/accounts/csrf";
import { TextArea } from "~/components/TextFields";
import { ScriptFont } from "~/components/ScriptFont";
import { htmlLang, intlLocale, textDirection } from "~/i18n/config";
import { translatedLanguageOf } from "~/translations/languages";
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

export interface RevisionView {
  id: number;
  kind: string;
  note: string;
  requested_by: number;
  requested_at: string;
  requested_by_name: string;
  change: Record<string, unknown>;
}

const shownFields = ["title", "owner", "partner", "due_on", "measure", "description", "status", "reason", "impact", "summary", "body", "updateOn"];

/** A translation's words as the approver checks them, each in its language and direction. */
function TranslationChange({ lang, texts }: { lang: string; texts: Record<string, string> }) {
  const { t } = useTranslation("staff");
  const written = Object.entries(texts).filter(([, text]) => text.trim() !== "");
  if (written.length === 0) return <p className="govuk-body">{t("publication.revision.translationRemoved")}</p>;
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border">
      {written.map(([name, text]) => (
        <div key={name} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t(`translations.fields.${name.startsWith("update-") ? "updateShort" : name}`)}</dt>
          <dd className="govuk-summary-list__value app-free-text" lang={htmlLang(lang)} dir={textDirection(lang)}>
            {text}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A change to a published item, waiting for a second person: what it changes, and approve or withdraw. */
function PendingRevision({ revision, csrf, userId, date }: { revision: RevisionView; csrf: string; userId: number; date: (iso: string) => string }) {
  const { t } = useTranslation("staff");
  const translatedInto = translatedLanguageOf(revision.kind);
  const fields = shownFields.filter((field) => typeof revision.change[field] === "string" && revision.change[field] !== "");
  return (
    <div className="govuk-inset-text app-revision">
      <h3 className="govuk-heading-s">
        {translatedInto
          ? t("publication.revision.kinds.translation", { language: t(`common:languageNames.${translatedInto}`) })
          : t(`publication.revision.kinds.${revision.kind}`)}
      </h3>
      <p className="govuk-body-s">{t("publication.revision.proposedBy", { name: revision.requested_by_name, date: date(revision.requested_at) })}</p>
      {revision.note ? <p className="govuk-body">{t("publication.revision.note", { note: revision.note })}</p> : null}
      {translatedInto ? (
        <>
          <ScriptFont lang={translatedInto} />
          <TranslationChange lang={translatedInto} texts={(revision.change as { texts?: Record<string, string> }).texts ?? {}} />
        </>
      ) : (
        <dl className="govuk-summary-list govuk-summary-list--no-border">
          {fields.map((field) => (
            <div key={field} className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t(`publication.revision.fields.${field}`)}</dt>
              <dd className="govuk-summary-list__value app-free-text">{String(revision.change[field])}</dd>
            </div>
          ))}
        </dl>
      )}
      <form method="post">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="revision" value={revision.id} />
        {revision.requested_by === userId ? (
          <button type="submit" name="intent" value="revision-withdraw" className="govuk-button govuk-button--secondary">
            {t("publication.revision.withdraw")}
          </button>
        ) : (
          <button type="submit" name="intent" value="revision-approve" className="govuk-button">
            {t("publication.revision.approve")}
          </button>
        )}
      </form>
    </div>
  );
}

/** Changes waiting for a second person, with approve or withdraw; nothing when none wait. */
export function PendingRevisions({ revisions, csrf, userId }: { revisions: RevisionView[]; csrf: string; userId: number }) {
  const { t, i18n } = useTranslation("staff");
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  if (revisions.length === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{t("publication.revision.heading")}</h3>
      <p className="govuk-body">{t("publication.revision.lead")}</p>
      {revisions.map((revision) => (
        <PendingRevision key={revision.id} revision={revision} csrf={csrf} userId={userId} date={date} />
      ))}
    </>
  );
}

/** Where an item is in publishing, and the buttons for the next step. */
export function PublicationPanel({
  publication,
  revisions = [],
  csrf,
  userId,
  withdrawError,
}: {
  publication: PublicationView;
  revisions?: RevisionView[];
  csrf: string;
  userId: number;
  withdrawError?: string;
}) {
  const { t, i18n } = useTranslation("staff");
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const { state } = publication;
  return (
    <section className="app-publication" aria-labelledby="publication-heading" id="publish">
      <h2 className="govuk-heading-m" id="publication-heading">
        {t("publication.heading")}
      </h2>
      <p className="govuk-body">
        <strong className={`govuk-tag ${state === "published" ? "govuk-tag--green" : state === "awaiting" ? "govuk-tag--yellow" : "govuk-tag--grey"}`}>
          {t(`publication.states.${state}`)}
        </strong>
      </p>
      {publication.requested_at && publication.requested_by_name ? (
        <p className="govuk-body-s">{t("publication.requestedBy", { name: publication.requested_by_name, date: date(publication.requested_at) })}</p>
      ) : null}
      {publication.published_at && publication.published_by_name ? (
        <p className="govuk-body-s">{t("publication.publishedBy", { name: publication.published_by_name, date: date(publication.published_at) })}</p>
      ) : null}
      {state === "unpublished" && publication.unpublish_reason ? (
        <p className="govuk-body-s">{t("publication.unpublishedReason", { reason: publication.unpublish_reason })}</p>
      ) : null}
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
      <PendingRevisions revisions={revisions} csrf={csrf} userId={userId} />
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
