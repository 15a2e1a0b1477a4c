import type { DB } from "../db/connection";

export type SettingKey = "organisation_name" | "contact_email";

export async function getSetting(db: DB, key: SettingKey): Promise<string | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function getSettings(db: DB): Promise<Record<SettingKey, string>> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const settings = { organisation_name: "", contact_email: "" };
  for (const row of rows) if (row.key in settings) settings[row.key as SettingKey] = row.value;
  return settings;
}
