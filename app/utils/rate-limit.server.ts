import type { TFunction } from "i18next";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { postgresPool, sqliteHandle, type DB } from "../../db/connection";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { httpError } from "./http.server";

/**
 * Rate limits, counted in the database (`rate_limits`) so that every server instance sees the
 * same attempts: rate-limiter-flexible's SQLite store on the file, its PostgreSQL store on the pool,
 * over the same table layout (docs/decisions/011-security-findings.md and 026-postgresql.md).
 */
export type LimitName =
  "starts" | "submissions" | "resume" | "reference" | "signInAddress" | "signInAccountAddress" | "signInDevice" | "secondFactor" | "passwordReset";
type Guessed = "resume" | "reference" | "secondFactor";

const HOUR = 60 * 60;

function options(name: LimitName): { points: number; duration: number } {
  switch (name) {
    // Sized for a school class or a family hub on one network, not for one person.
    case "starts":
      return { points: env().SURVEY_STARTS_PER_HOUR_PER_ADDRESS, duration: HOUR };
    case "submissions":
      return { points: env().SUBMISSIONS_PER_HOUR_PER_ADDRESS, duration: HOUR };
    // Resume codes and references are secrets: slow guessing right down, but leave room for typos.
    case "resume":
    case "reference":
      return { points: 10, duration: 10 * 60 };
    // Wrong passwords: from one address across all accounts, for one account from one address,
    // and from a browser that has signed in to the account before.
    case "signInAddress":
      return { points: 100, duration: 15 * 60 };
    case "signInAccountAddress":
      return { points: 10, duration: 15 * 60 };
    case "signInDevice":
      return { points: 10, duration: 15 * 60 };
    // Six digits, three of them right at any moment: five wrong codes per account in 15 minutes.
    case "secondFactor":
      return { points: 5, duration: 15 * 60 };
    // Links for a forgotten password, asked for from one address.
    case "passwordReset":
      return { points: 5, duration: HOUR };
  }
}

const limiters = new WeakMap<DB, Map<LimitName, RateLimiterAbstract>>();

export function limiter(name: LimitName, db: DB = getDb()): RateLimiterAbstract {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    const table = { tableName: "rate_limits", tableCreated: true, keyPrefix: name, ...options(name) };
    const pool = postgresPool(db);
    const handle = sqliteHandle(db);
    if (pool) found = new RateLimiterPostgres({ storeClient: pool, storeType: "pool", ...table });
    else if (handle) found = new RateLimiterSQLite({ storeClient: handle, storeType: "better-sqlite3", ...table });
    else throw new Error("rate limits need the SQLite handle or the PostgreSQL pool under the app's database");
    byName.set(name, found);
  }
  return found;
}

/** Seconds until `key` may try again under this limit, or 0 when it may now. */
export async function secondsToWait(name: LimitName, key: string): Promise<number> {
  const used = await limiter(name).get(key || "unknown");
  return used && used.remainingPoints <= 0 ? Math.max(1, Math.ceil(used.msBeforeNext / 1000)) : 0;
}

/** Counts one attempt; returns the seconds to wait when it was over the limit, else 0. */
export async function consume(name: LimitName, key: string): Promise<number> {
  try {
    await limiter(name).consume(key || "unknown");
    return 0;
  } catch (result) {
    if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    throw result;
  }
}

/** Counts one attempt from this address; over the limit, stops with a 429 page that says when to try again. */
export async function consumeLimit(name: "starts" | "submissions" | "passwordReset", address: string, t: TFunction): Promise<void> {
  const wait = await consume(name, address);
  if (wait > 0) httpError(t, 429, "rateLimited", { retryAfterSeconds: wait });
}

/**
 * For secrets (resume codes, references): stops with a 429 page once this address has guessed wrong
 * too often. Only wrong guesses count (`countWrongGuess`), so a school or family centre whose people
 * look up their own references is never blocked.
 */
export async function requireFewWrongGuesses(name: Guessed, address: string, t: TFunction): Promise<void> {
  const wait = await secondsToWait(name, address);
  if (wait > 0) httpError(t, 429, "guessLimited", { retryAfterSeconds: wait });
}

export async function countWrongGuess(name: Guessed, address: string): Promise<void> {
  await limiter(name).penalty(address || "unknown", 1);
}
