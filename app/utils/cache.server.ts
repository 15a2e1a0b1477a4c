import { sql } from "kysely";
import type { DB } from "../../db/connection";

/**
 * The one way to keep something read from the database in memory. The database stays the only
 * copy: the code that changes the data calls `markChanged()`, which empties this process's cache
 * and raises the cache's generation in the database; every process calls `followChanges()` before
 * reading, and starts afresh when the generation moved, so another process or instance sees a
 * change on its next request. An entry also lives at most `ttlMs`, for changes made straight to the
 * database, and at most `maxEntries` are kept, oldest first out, so keys taken from URLs cannot fill
 * the memory.
 *
 * Loads are shared: requests that arrive while a value is being read wait for the same read. A
 * read that fails is not kept.
 */
export interface Cache<K, V> {
  readonly name: string;
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** Drops one entry, or every entry when no key is given. */
  forget(key?: K): void;
}

interface Options {
  ttlMs: number;
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export function createCache<K, V>(name: string, { ttlMs, maxEntries = 500, now = Date.now }: Options): Cache<K, V> {
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return {
    name,
    get(key, load) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as K);
      const entry = { at: now(), value: load() };
      entries.set(key, entry);
      // Only this read is dropped: a newer one may have taken its place after a forget().
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value;
    },
    forget(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}

const seen = new Map<string, number>();

async function generationOf(db: DB, name: string): Promise<number> {
  const row = await db.selectFrom("cache_generations").select("generation").where("name", "=", name).executeTakeFirst();
  return row?.generation ?? 0;
}

/** Before reading through a cache: empties it when any process has marked a change since this one last looked. */
export async function followChanges(db: DB, cache: Cache<unknown, unknown>): Promise<void> {
  const generation = await generationOf(db, cache.name);
  if (seen.get(cache.name) === generation) return;
  cache.forget();
  seen.set(cache.name, generation);
}

/** After a change to what the cache holds (committed, or in the transaction `db`): every process reads it afresh. */
export async function markChanged(db: DB, cache: Cache<unknown, unknown>): Promise<void> {
  await db
    .insertInto("cache_generations")
    .values({ name: cache.name, generation: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet({ generation: sql`cache_generations.generation + 1` }))
    .execute();
  cache.forget();
}
