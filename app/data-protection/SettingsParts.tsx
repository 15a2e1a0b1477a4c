import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config";
import type { LastBackup } from "./backup.server";
import type { PrivacyKey } from "./limits";

const fieldIds: Record<PrivacyKey, string> = { controller_name: "controller_name", dpo_contact: "dpo_contact", lawful_basis: "lawful_basis" };

/** At the top of the settings page while the privacy notice lacks its set-up: what is missing, each a link to its field. */
export function PrivacySetupPrompt({ missing }: { missing: PrivacyKey[] }) {
  const { t } = useTranslation("staff");
  if (missing.length === 0) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="privacy-setup-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="privacy-setup-title">
          {t("settings.privacyMissingTitle")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{t("settings.privacyMissing")}</p>
        <ul className="govuk-list govuk-list--bullet">
          {missing.map((key) => (
            <li key={key}>
              <a className="govuk-notification-banner__link" href={`#${fieldIds[key]}`}>
                {t(`settings.missing.${key}`)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Where backups go, and how the last nightly one went. */
export function BackupStatus({ folder, last }: { folder: string; kept: number; last: LastBackup | null }) {
  const { t, i18n } = useTranslation("staff");
  const locale = intlLocale(i18n.language);
  const date = last ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" }).format(new Date(last.at)) : "";
  const size = last?.bytes ? new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(last.bytes / 1_048_576) : "";
  return (
    <>
      <p className="govuk-body">{t("settings.backupFolder", { folder })}</p>
      <p className="govuk-body">
        {!last
          ? t("settings.backupNone")
          : last.ok
            ? t("settings.backupLast", { date, file: last.file, size })
            : t("settings.backupFailed", { date, problem: last.problem ?? "" })}
      </p>
      <p className="govuk-body">{t("settings.backupCommands")}</p>
    </>
  );
}
