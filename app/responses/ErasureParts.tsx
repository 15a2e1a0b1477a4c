import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FieldError } from "../components/ErrorSummary";
import { TextInput } from "../components/TextFields";
import { intlLocale } from "../i18n/config";
import type { Erased } from "./erasure.server";

/** The pages of /my-feedback/delete, one per step: ask, are you sure, and what happened. */

interface Typed {
  reference: string;
  code: string;
}

const longDate = (lang: string, iso: string) => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "long" }).format(new Date(iso));

function Warning({ children }: { children: React.ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">{children}</strong>
    </div>
  );
}

function BackToMyFeedback() {
  const { t } = useTranslation("pages");
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to="/my-feedback">
        {t("myFeedback.title")}
      </Link>
    </p>
  );
}

export function AskForm({ typed, errors }: { typed?: Typed; errors: FieldError[] }) {
  const { t } = useTranslation("pages");
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <h1 className="govuk-heading-l">{t("erasure.title")}</h1>
      <p className="govuk-body">{t("erasure.lead")}</p>
      <p className="govuk-body">{t("erasure.withCode")}</p>
      <p className="govuk-body">{t("erasure.withReference")}</p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="check" />
        <TextInput
          id="reference"
          name="reference"
          label={t("erasure.referenceLabel")}
          hint={t("erasure.referenceHint")}
          error={errorFor("reference")}
          defaultValue={typed?.reference}
          className="govuk-input--width-20 app-code-input"
        />
        <TextInput
          id="code"
          name="code"
          label={t("erasure.codeLabel")}
          hint={t("erasure.codeHint")}
          error={errorFor("code")}
          defaultValue={typed?.code}
          className="govuk-input--width-20 app-code-input"
        />
        <button type="submit" className="govuk-button">
          {t("erasure.continue")}
        </button>
      </form>
    </>
  );
}

/** What deletion takes and what it leaves: the same words before and after, so nothing is a surprise. */
function WhatHappens() {
  const { t } = useTranslation("pages");
  return (
    <>
      <h2 className="govuk-heading-m">{t("erasure.deletesHeading")}</h2>
      <ul className="govuk-list govuk-list--bullet">
        {(["answers", "themes", "notes", "quotes"] as const).map((item) => (
          <li key={item}>{t(`erasure.deletes.${item}`)}</li>
        ))}
      </ul>
      <Kept />
    </>
  );
}

function Kept() {
  const { t } = useTranslation("pages");
  return (
    <>
      <h2 className="govuk-heading-m">{t("erasure.keepsHeading")}</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>{t("erasure.keeps.record")}</li>
        <li>{t("erasure.keeps.figures")}</li>
      </ul>
    </>
  );
}

export function ConfirmStep({
  reference,
  typed,
  verified,
  submittedAt,
  lang,
}: {
  reference: string;
  typed: Typed;
  verified: boolean;
  submittedAt: string;
  lang: string;
}) {
  const { t } = useTranslation("pages");
  return (
    <>
      <h1 className="govuk-heading-l">{verified ? t("erasure.confirm.title") : t("erasure.request.title")}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("erasure.referenceLabel")}</dt>
          <dd className="govuk-summary-list__value app-reference">{reference}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t("erasure.sentOn")}</dt>
          <dd className="govuk-summary-list__value">{longDate(lang, submittedAt)}</dd>
        </div>
      </dl>
      <WhatHappens />
      {verified ? null : <p className="govuk-body">{t("erasure.request.check")}</p>}
      <Warning>{t("erasure.cannotUndo")}</Warning>
      <form method="post">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="reference" value={typed.reference} />
        <input type="hidden" name="code" value={typed.code} />
        <div className="govuk-button-group">
          <button type="submit" className={verified ? "govuk-button govuk-button--warning" : "govuk-button"}>
            {verified ? t("erasure.confirm.submit") : t("erasure.request.submit")}
          </button>
          <Link className="govuk-link" to="/my-feedback">
            {t("erasure.cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}

export function Deleted({ erased }: { erased: Erased }) {
  const { t } = useTranslation("pages");
  const items = (["answers", "tags", "notes", "translations", "quotes"] as const).filter((item) => erased[item] > 0);
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{t("erasure.deleted.title")}</h1>
      </div>
      <h2 className="govuk-heading-m">{t("erasure.deleted.heading")}</h2>
      <ul className="govuk-list govuk-list--bullet">
        {items.map((item) => (
          <li key={item}>{t(`erasure.deleted.${item}`, { count: erased[item] })}</li>
        ))}
      </ul>
      <Kept />
      <BackToMyFeedback />
    </>
  );
}

export function AlreadyDeleted({ on, lang }: { on: string; lang: string }) {
  const { t } = useTranslation("pages");
  return (
    <>
      <h1 className="govuk-heading-l">{t("erasure.alreadyDeleted.title")}</h1>
      <p className="govuk-body">{t("erasure.alreadyDeleted.body", { date: longDate(lang, on) })}</p>
      <Kept />
      <BackToMyFeedback />
    </>
  );
}

export function Waiting({ since, lang }: { since: string; lang: string }) {
  const { t } = useTranslation("pages");
  return (
    <>
      <h1 className="govuk-heading-l">{t("erasure.waiting.title")}</h1>
      <p className="govuk-body">{t("erasure.waiting.body", { date: longDate(lang, since) })}</p>
      <p className="govuk-body">{t("erasure.waiting.check")}</p>
      <BackToMyFeedback />
    </>
  );
}

export function AlreadyAsked({ since, lang }: { since: string; lang: string }) {
  const { t } = useTranslation("pages");
  return (
    <>
      <h1 className="govuk-heading-l">{t("erasure.alreadyAsked.title")}</h1>
      <p className="govuk-body">{t("erasure.waiting.body", { date: longDate(lang, since) })}</p>
      <p className="govuk-body">{t("erasure.alreadyAsked.withCode")}</p>
      <BackToMyFeedback />
    </>
  );
}

/**
 * Held for a safeguarding lead. The words say only that the team is still reading: whoever holds
 * the reference and code must not learn from this page that a concern was raised (decision 023).
 */
export function Held() {
  const { t } = useTranslation("pages");
  return (
    <>
      <h1 className="govuk-heading-l">{t("erasure.waiting.title")}</h1>
      <p className="govuk-body">{t("erasure.held.body")}</p>
      <p className="govuk-body">{t("erasure.held.nothingToDo")}</p>
      <BackToMyFeedback />
    </>
  );
}
