import type { DB } from "../db/connection";
import { audit } from "./accounts/audit.server";
import { retentionLimits } from "./data-protection/limits";
import { createCache, followChanges, markChanged, type Cache } from "./utils/cache.server";

export type SettingKey =
  | "organisation_name"
  | "contact_email"
  | "quote_approval"
  | "setting_names"
  | "suppression_threshold"
  | "safeguarding_email"
  | "children_services_phone"
  | "safeguarding_overdue_days"
  | "listened_target"
  | "controller_name"
  | "dpo_contact"
  | "lawful_basis"
  | "backup_nightly"
  | "retention_text_months"
  | "retention_draft_days"
  | "retention_audit_years"
  | "notify_api_key"
  | "notify_sms_template_id"
  | "updates_keep_months"
  | "action_seen_target"
  | "spoken_max_minutes"
  | "spoken_max_mb"
  | "spoken_keep_days";
export type Settings = Readonly<Record<SettingKey, string>>;

/** The share who should say they felt listened to, in per cent: the aspiration reviewers set. */
export const DEFAULT_LISTENED_TARGET = 90;

const defaults: Settings = {
  organisation_name: "",
  contact_email: "",
  quote_approval: "two_people",
  setting_names: "",
  suppression_threshold: "10",
  safeguarding_email: "",
  children_services_phone: "",
  safeguarding_overdue_days: "1",
  listened_target: String(DEFAULT_LISTENED_TARGET),
  // Filled in at set-up; until then the privacy notice tells people to contact the organisation.
  controller_name: "",
  dpo_contact: "",
  lawful_basis: "",
  backup_nightly: "off",
  retention_text_months: String(retentionLimits.retention_text_months.fallback),
  retention_draft_days: String(retentionLimits.retention_draft_days.fallback),
  retention_audit_years: String(retentionLimits.retention_audit_years.fallback),
  // Updates to people who asked (app/updates/): GOV.UK Notify for texts, how long a contact is kept, the "can see what was done" aim.
  notify_api_key: "",
  notify_sms_template_id: "",
  updates_keep_months: "12",
  action_seen_target: String(DEFAULT_LISTENED_TARGET),
  // Spoken answers (app/spoken/): the longest and largest recording taken, and how long one waits to be typed up.
  spoken_max_minutes: "3",
  spoken_max_mb: "10",
  spoken_keep_days: "90",
};

// Read on every page (the organisation's name is in the header), changed rarely: kept in the one
// cache helper, whose generation in the database tells every process about a change.
const settings = createCache<"all", Settings>("settings", { ttlMs: 10 * 60_000 });

/** Empties this process's copy, for a test that changed the table directly; saveSettings tells every process. */
export function forgetSettings(): void {
  settings.forget();
}

async function readSettings(db: DB): Promise<Settings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const read: Record<string, string> = { ...defaults };
  for (const row of rows) if (row.key in defaults) read[row.key] = row.value;
  return Object.freeze(read as Settings);
}

export async function getSettings(db: DB): Promise<Settings> {
  await followChanges(db, settings as Cache<unknown, unknown>);
  return settings.get("all", () => readSettings(db));
}

export async function getSetting(db: DB, key: SettingKey): Promise<string> {
  return (await getSettings(db))[key];
}

/** Saves settings in one transaction, which also tells every process to read them afresh; the caller logs the change. */
export async function saveSettings(db: DB, changes: Partial<Settings>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(changes)) {
      await trx
        .insertInto("settings")
        .values({ key, value: value as string })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: value as string }))
        .execute();
    }
    await markChanged(trx, settings as Cache<unknown, unknown>);
  });
}

/** Settings never sent to a page or written to the audit log: an administrator can replace them, not read them. */
const secretSettings: readonly SettingKey[] = ["notify_api_key"];

export function withoutSecrets(settings: Settings): Partial<Settings> {
  return Object.fromEntries(Object.entries(settings).filter(([key]) => !secretSettings.includes(key as SettingKey)));
}

/**
 * An administrator's change to settings, saved and audited: the audit entry holds what the changed
 * settings were before and after, never a secret (`shownAfter` says what to record for one, such
 * as "replaced").
 */
export async function changeSettings(db: DB, userId: number, changes: Partial<Settings>, shownAfter: Record<string, unknown> = changes): Promise<void> {
  const all = withoutSecrets(await getSettings(db));
  const before = Object.fromEntries(Object.keys(shownAfter).flatMap((key) => (key in all ? [[key, all[key as SettingKey]]] : [])));
  await saveSettings(db, changes);
  await audit(db, { userId, action: "settings.update", entity: "settings", before, after: shownAfter });
}

/** The smallest figure the public may see ("fewer than 10"), from the administrator's setting. */
export async function suppressionThreshold(db: DB): Promise<number> {
  const value = Number((await getSettings(db)).suppression_threshold);
  return Number.isInteger(value) && value > 0 ? value : 10;
}

/** Working days a concern may wait for a lead before it shows as overdue (default 1). */
export async function overdueWorkingDays(db: DB): Promise<number> {
  const value = Number((await getSettings(db)).safeguarding_overdue_days);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** The "felt listened to" target on the staff dashboard, in per cent (default 90). */
export async function listenedTarget(db: DB): Promise<number> {
  const value = Number((await getSettings(db)).listened_target);
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : DEFAULT_LISTENED_TARGET;
}
