import type { DB } from "../db/connection";

export type SettingKey =
  | "organisation_name"
  | "contact_email"
  | "quote_approval"
  | "setting_names"
  | "suppression_threshold"
  | "safeguarding_email"
  | "children_services_phone"
  | "safeguarding_overdue_days"
  | "listened_target";
type Settings = Record<SettingKey, string>;

/** The share who should say they felt listened to, in per cent: the aspiration reviewers set. */
export const DEFAULT_LISTENED_TARGET = 90;

// Read on every page (the organisation's name is in the header); cached briefly, like surveys.
const CACHE_MS = 30_000;
let cached: { at: number; settings: Promise<Settings> } | undefined;

export function forgetSettings(): void {
  cached = undefined;
}

async function readSettings(db: DB): Promise<Settings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const settings: Settings = {
    organisation_name: "",
    contact_email: "",
    quote_approval: "two_people",
    setting_names: "",
    suppression_threshold: "10",
    safeguarding_email: "",
    children_services_phone: "",
    safeguarding_overdue_days: "1",
    listened_target: String(DEFAULT_LISTENED_TARGET),
  };
  for (const row of rows) if (row.key in settings) settings[row.key as SettingKey] = row.value;
  return settings;
}

export function getSettings(db: DB): Promise<Settings> {
  if (!cached || Date.now() - cached.at >= CACHE_MS) cached = { at: Date.now(), settings: readSettings(db) };
  return cached.settings;
}

export async function getSetting(db: DB, key: SettingKey): Promise<string> {
  return (await getSettings(db))[key];
}

/** Saves settings in one transaction; the caller logs the change. */
export async function saveSettings(db: DB, changes: Partial<Settings>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(changes)) {
      await trx
        .insertInto("settings")
        .values({ key, value: value as string })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: value as string }))
        .execute();
    }
  });
  forgetSettings();
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
