import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { categories, createDetector, type Category, type Detector, type PhraseList } from "./detect";
import ar from "./phrases/ar.json";
import bn from "./phrases/bn.json";
import en from "./phrases/en.json";
import enEasyRead from "./phrases/en-x-easyread.json";
import es from "./phrases/es.json";
import gu from "./phrases/gu.json";
import it from "./phrases/it.json";
import pa from "./phrases/pa.json";
import pl from "./phrases/pl.json";
import pt from "./phrases/pt.json";
import ro from "./phrases/ro.json";
import ur from "./phrases/ur.json";

/** The lists shipped with the portal, one per language (app/safeguarding/phrases/<code>.json). */
export const shippedLists: PhraseList[] = [en, enEasyRead, pl, ro, pa, ur, pt, es, ar, bn, gu, it] as PhraseList[];

/** What a lead may add: a phrase in a category, or an everyday phrase that is not a concern. */
export const phraseKinds = [...categories, "exception"] as const;
export type PhraseKind = Category | "exception";

const VERSION_KEY = "safeguarding_phrases_version";

/** The lists with what safeguarding leads added in /admin. */
async function readLists(db: Kysely<Database>): Promise<PhraseList[]> {
  const added = await db.selectFrom("safeguarding_phrases").select(["lang", "phrase", "category"]).execute();
  // A lead's phrase joins its own language's list, with that list's rewrites and exceptions.
  const local = new Map<string, PhraseList>();
  for (const row of added) {
    const list = local.get(row.lang) ?? { lang: row.lang, phrases: {}, not: [] };
    local.set(row.lang, list);
    if (row.category === "exception") list.not?.push(row.phrase);
    else (list.phrases[row.category as Category] ??= []).push(row.phrase);
  }
  return [...shippedLists, ...local.values()];
}

async function readVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", VERSION_KEY).executeTakeFirst();
  return row?.value ?? "0";
}

// The compiled lists are kept while the version in the database stays the same, so a phrase a lead
// adds on one server is used by every server at its next submission.
let compiled: { version: string; detector: Promise<Detector> } | undefined;

export async function getDetector(db: Kysely<Database>): Promise<Detector> {
  const version = await readVersion(db);
  if (!compiled || compiled.version !== version) {
    compiled = { version, detector: readLists(db).then(createDetector) };
  }
  return compiled.detector;
}

/** Marks the lists changed; call inside the transaction that changed them. */
export async function bumpPhrasesVersion(db: Kysely<Database>): Promise<void> {
  const next = randomUUID();
  await db
    .insertInto("settings")
    .values({ key: VERSION_KEY, value: next })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: next }))
    .execute();
}

/** Phrases leads added, newest first. */
export async function addedPhrases(db: Kysely<Database>) {
  return db
    .selectFrom("safeguarding_phrases as p")
    .leftJoin("users as u", "u.id", "p.added_by")
    .select(["p.lang", "p.phrase", "p.category", "p.added_at", "u.name as added_by"])
    .orderBy("p.added_at", "desc")
    .execute();
}

export type PhraseChange = { lang: string; phrase: string; category: PhraseKind };

/** Adds a lead's phrase; false when the same phrase is already in that language's added list. */
export async function addPhrase(db: DB, change: PhraseChange, userId: number, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom("safeguarding_phrases")
      .select("phrase")
      .where("lang", "=", change.lang)
      .where("phrase", "=", change.phrase)
      .executeTakeFirst();
    if (exists) return false;
    await trx
      .insertInto("safeguarding_phrases")
      .values({ ...change, added_by: userId, added_at: now.toISOString() })
      .execute();
    await bumpPhrasesVersion(trx);
    await audit(trx, { userId, action: "safeguarding.phrase_add", entity: "safeguarding_phrase", entityId: change.lang, after: change }, now);
    return true;
  });
}

export async function removePhrase(db: DB, lang: string, phrase: string, userId: number, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom("safeguarding_phrases").where("lang", "=", lang).where("phrase", "=", phrase).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await bumpPhrasesVersion(trx);
    await audit(trx, { userId, action: "safeguarding.phrase_remove", entity: "safeguarding_phrase", entityId: lang, before: { lang, phrase } }, now);
    return true;
  });
}
