import type { DB } from "../../db/connection";
import { intlLocale } from "../i18n/config";
import { getSettings, suppressionThreshold, type Settings } from "../settings.server";
import { BACKUPS_KEPT, isLawfulBasis, privacyKeys, retentionValue, type LawfulBasis, type PrivacyKey } from "./limits";

/** The set-up the privacy notice still needs: staff see these as a prompt, the public a "contact us". */
export function missingPrivacySettings(settings: Settings): PrivacyKey[] {
  return privacyKeys.filter((key) => (key === "lawful_basis" ? !isLawfulBasis(settings.lawful_basis) : settings[key].trim() === ""));
}

/** "24 months", "24 miesiące", "২৪ মাস": a length of time in the reader's language and its plural forms. */
export function formatPeriod(lang: string, amount: number, unit: "day" | "month" | "year"): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit, unitDisplay: "long" }).format(amount);
}

export interface PrivacyNotice {
  organisation: string;
  email: string;
  controller: string | null;
  dpo: string | null;
  basis: LawfulBasis | null;
  threshold: string;
  periods: { drafts: string; text: string; audit: string; backups: string | null };
}

/** Everything the privacy notice says that comes from settings, with each period written out in `lang`. */
export async function privacyNotice(db: DB, lang: string): Promise<PrivacyNotice> {
  const settings = await getSettings(db);
  const missing = missingPrivacySettings(settings);
  const given = (key: PrivacyKey) => (missing.includes(key) ? null : settings[key].trim());
  return {
    organisation: settings.organisation_name,
    email: settings.contact_email,
    controller: given("controller_name"),
    dpo: given("dpo_contact"),
    basis: isLawfulBasis(settings.lawful_basis) ? settings.lawful_basis : null,
    threshold: String(await suppressionThreshold(db)),
    periods: {
      drafts: formatPeriod(lang, retentionValue("retention_draft_days", settings.retention_draft_days), "day"),
      text: formatPeriod(lang, retentionValue("retention_text_months", settings.retention_text_months), "month"),
      audit: formatPeriod(lang, retentionValue("retention_audit_years", settings.retention_audit_years), "year"),
      backups: settings.backup_nightly === "on" ? formatPeriod(lang, BACKUPS_KEPT, "day") : null,
    },
  };
}
