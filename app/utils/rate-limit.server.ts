import type { TFunction } from "i18next";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env.server";
import { httpError } from "./http.server";

type LimitName = "submissions" | "resume" | "reference";

const limiters = new Map<LimitName, RateLimiterMemory>();

function limiter(name: LimitName): RateLimiterMemory {
  let found = limiters.get(name);
  if (!found) {
    found =
      name === "submissions"
        ? new RateLimiterMemory({ keyPrefix: name, points: env().SUBMISSIONS_PER_HOUR_PER_ADDRESS, duration: 60 * 60 })
        : // Resume codes and references are secrets: slow guessing right down, but leave room for typos.
          new RateLimiterMemory({ keyPrefix: name, points: 10, duration: 10 * 60 });
    limiters.set(name, found);
  }
  return found;
}

/** Counts one attempt from this address; over the limit, stops with a 429 page that says when to try again. */
export async function consumeLimit(name: LimitName, address: string, t: TFunction): Promise<void> {
  try {
    await limiter(name).consume(address || "unknown");
  } catch (result) {
    if (result instanceof RateLimiterRes) {
      httpError(t, 429, "rateLimited", { retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) });
    }
    throw result;
  }
}

/**
 * For secrets (resume codes, references): stops with a 429 page once this address has guessed wrong
 * too often. Only wrong guesses count (`countWrongGuess`), so a school or family centre whose people
 * look up their own references is never blocked.
 */
export async function requireFewWrongGuesses(name: "resume" | "reference", address: string, t: TFunction): Promise<void> {
  const used = await limiter(name).get(address || "unknown");
  if (used && used.remainingPoints <= 0) {
    httpError(t, 429, "guessLimited", { retryAfterSeconds: Math.ceil(used.msBeforeNext / 1000) });
  }
}

export async function countWrongGuess(name: "resume" | "reference", address: string): Promise<void> {
  await limiter(name).penalty(address || "unknown", 1);
}
