import { RateLimiterMemory } from "rate-limiter-flexible";

// Failed sign-ins only. Per account: at most 100 an hour (whatever the address). Per address:
// at most 100 in 15 minutes, across every account it tries.
const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: 100, duration: 60 * 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: "signin-address", points: 100, duration: 15 * 60 });

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function signInWait(email: string, address: string): Promise<number> {
  const [account, network] = await Promise.all([perAccount.get(email), perAddress.get(address)]);
  const waits = [account, network]
    .filter((result) => result !== null && result.remainingPoints <= 0)
    .map((result) => Math.ceil(result!.msBeforeNext / 1000));
  return waits.length ? Math.max(...waits) : 0;
}

export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  await Promise.all([perAccount.penalty(email, 1), perAddress.penalty(address, 1)]);
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await perAccount.delete(email);
}
