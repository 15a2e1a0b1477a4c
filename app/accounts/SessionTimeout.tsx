import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CSRF_FIELD } from "./csrf";
import { SESSION_IDLE_MINUTES, SESSION_WARN_MINUTES } from "./session-rules";

/**
 * The warning before a staff session ends for want of activity, rendered hidden on every staff
 * page; /session-timeout.js shows it two minutes before the end and keeps the session with
 * "Stay signed in". Without JavaScript it never shows, and the sign-in page explains instead.
 */
export function SessionTimeout({ csrf, nonce }: { csrf: string; nonce: string | undefined }) {
  const { t } = useTranslation("staff");
  const location = useLocation();
  return (
    <>
      <div
        id="session-timeout"
        className="app-session-timeout"
        role="alertdialog"
        aria-labelledby="session-timeout-title"
        aria-describedby="session-timeout-text"
        data-idle-minutes={SESSION_IDLE_MINUTES}
        data-warn-minutes={SESSION_WARN_MINUTES}
        hidden
      >
        <h2 id="session-timeout-title" className="govuk-heading-m">
          {t("session.warning.title")}
        </h2>
        <form method="post" action="/session">
          <p id="session-timeout-text" className="govuk-body">
            {t("session.warning.text", { count: SESSION_WARN_MINUTES })}
          </p>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
            {t("session.warning.stay")}
          </button>
        </form>
        <p className="govuk-body" data-ended tabIndex={-1} hidden>
          {t("session.warning.ended")}{" "}
          <a className="govuk-link" href={`/sign-in?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`}>
            {t("session.warning.signIn")}
          </a>
        </p>
      </div>
      <script src="/session-timeout.js" nonce={nonce} defer />
    </>
  );
}
