import type { DB } from "../connection";
import phrases from "./safeguarding-phrases.json";

/** Loads the shipped disclosure phrases; phrases added by administrators are kept. */
export async function ensureSafeguardingPhrases(db: DB): Promise<void> {
  const rows = Object.entries(phrases)
    .filter(([lang]) => !lang.startsWith("_"))
    .flatMap(([lang, list]) => (list as string[]).map((phrase) => ({ lang, phrase })));
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto("safeguarding_phrases").values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute();
  }
}
