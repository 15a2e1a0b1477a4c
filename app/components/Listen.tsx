import { useTranslation } from "react-i18next";
import { useNonce } from "~/utils/nonce";

/**
 * The "Listen" button: reads a question page, or a whole public page, aloud with the browser's own
 * speech synthesis. It is rendered hidden; /listen.js shows it only when the browser can speak the
 * page's language. With JavaScript off it never appears.
 */
export function Listen({ read = "question" }: { read?: "question" | "page" }) {
  const { t } = useTranslation("common");
  const nonce = useNonce();
  return (
    <>
      <button
        type="button"
        className="govuk-button govuk-button--secondary app-listen app-no-print"
        data-listen-button=""
        data-listen-read={read}
        data-start={t("listen.start")}
        data-stop={t("listen.stop")}
        aria-pressed="false"
        aria-label={t(`listen.${read}`)}
        hidden
      >
        {t("listen.start")}
      </button>
      <script src="/listen.js" nonce={nonce} defer />
    </>
  );
}
