import { useTranslation } from "react-i18next";
import { useNonce } from "~/utils/nonce";

/**
 * The "Listen" button for question and start pages. It is rendered hidden; /listen.js shows it only
 * when the browser can speak the page's language. With JavaScript off it never appears.
 */
export function Listen() {
  const { t } = useTranslation("survey");
  const nonce = useNonce();
  return (
    <>
      <button
        type="button"
        className="govuk-button govuk-button--secondary app-listen"
        data-listen-button=""
        data-start={t("listen.start")}
        data-stop={t("listen.stop")}
        aria-pressed="false"
        aria-label={t("listen.label")}
        hidden
      >
        {t("listen.start")}
      </button>
      <script src="/listen.js" nonce={nonce} defer />
    </>
  );
}
