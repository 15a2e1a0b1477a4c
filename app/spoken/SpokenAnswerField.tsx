import { useTranslation } from "react-i18next";
import { describedBy, ErrorMessage } from "../components/ErrorSummary";
import { useNonce } from "../utils/nonce";

export interface SpokenFieldView {
  /** The recording already kept for this question, with its length ("0:42") when the file says. */
  kept: { length: string | null } | null;
  maxMinutes: number;
  maxMegabytes: number;
}

/**
 * A spoken answer beside a free-text question. Without JavaScript: a file input that asks a phone
 * to record. With it, /record.js shows a recorder (record, a timer, stop, replay, record again)
 * that puts its recording into the same file input, so the server reads one kind of form.
 */
export function SpokenAnswerField({ field, spoken, error }: { field: string; spoken: SpokenFieldView; error: string | null }) {
  const { t } = useTranslation("survey");
  const nonce = useNonce();
  const id = `${field}-recording`;
  const hint = t("spoken.hint", { count: spoken.maxMinutes, megabytes: spoken.maxMegabytes });
  return (
    <div className={`govuk-form-group app-spoken${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {spoken.kept ? t("spoken.replaceLabel") : t("spoken.label")}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {spoken.kept ? (
          <>
            <strong>{spoken.kept.length ? t("spoken.keptWithLength", { length: spoken.kept.length }) : t("spoken.kept")}</strong>{" "}
          </>
        ) : null}
        {hint}
      </div>
      <ErrorMessage id={id} message={error} />
      <div
        className="app-recorder"
        data-recorder={id}
        data-max-seconds={spoken.maxMinutes * 60}
        data-recording={t("spoken.recorder.recording", { time: "{time}" })}
        data-saved={t("spoken.recorder.saved", { time: "{time}" })}
        data-failed={t("spoken.recorder.failed")}
        hidden
      >
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" data-record-start="">
            {t("spoken.recorder.start")}
          </button>
          <button type="button" className="govuk-button govuk-button--warning" data-record-stop="" hidden>
            {t("spoken.recorder.stop")}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" data-record-again="" hidden>
            {t("spoken.recorder.again")}
          </button>
        </div>
        <p className="govuk-body govuk-!-font-weight-bold" role="timer" data-record-timer="" hidden />
        {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the person's own recording, just made: there are no captions to give */}
        <audio controls data-record-replay="" hidden aria-label={t("spoken.recorder.replay")} />
        <p className="govuk-body" role="status" data-record-status="" />
      </div>
      <input
        className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={id}
        name={id}
        type="file"
        accept="audio/*"
        capture="user"
        aria-describedby={describedBy(id, hint, error)}
      />
      {spoken.kept ? (
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-3" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id={`${field}-remove-recording`} name={`${field}-remove-recording`} type="checkbox" value="yes" />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${field}-remove-recording`}>
              {t("spoken.remove")}
            </label>
          </div>
        </div>
      ) : null}
      <script src="/record.js" nonce={nonce} defer />
    </div>
  );
}
