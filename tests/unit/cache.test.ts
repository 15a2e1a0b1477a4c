import { createCache } from "~/utils/cache.server";

function clock() {
  let now = 0;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

describe("createCache", () => {
  it("reads once while an entry lives, and again once it has lived its time", async () => {
    const time = clock();
    const cache = createCache<string, number>("test", { ttlMs: 1000, now: time.now });
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get("a", load)).toBe(1);
    time.pass(999);
    expect(await cache.get("a", load)).toBe(1);
    time.pass(1);
    expect(await cache.get("a", load)).toBe(2);
  });

  it("shares one read between callers that ask while it runs", async () => {
    const cache = createCache<string, number>("test", { ttlMs: 1000 });
    let reads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 5));
    expect(await Promise.all([cache.get("a", load), cache.get("a", load)])).toEqual([1, 1]);
  });

  it("reads again after forget, for one key or for all", async () => {
    const cache = createCache<string, string>("test", { ttlMs: 60_000 });
    let reads = 0;
    const load = (key: string) => async () => `${key}${++reads}`;
    await cache.get("a", load("a"));
    await cache.get("b", load("b"));
    cache.forget("a");
    expect(await cache.get("a", load("a"))).toBe("a3");
    expect(await cache.get("b", load("b"))).toBe("b2");
    cache.forget();
    expect(await cache.get("b", load("b"))).toBe("b4");
  });

  it("does not keep a read that failed", async () => {
    const cache = createCache<string, number>("test", { ttlMs: 60_000 });
    await expect(cache.get("a", () => Promise.reject(new Error("database locked")))).rejects.toThrow("database locked");
    expect(await cache.get("a", async () => 7)).toBe(7);
  });

  it("keeps at most maxEntries, dropping the oldest, so keys from URLs cannot fill the memory", async () => {
    const cache = createCache<string, string>("test", { ttlMs: 60_000, maxEntries: 2 });
    const reads: string[] = [];
    const load = (key: string) => async () => {
      reads.push(key);
      return key;
    };
    for (const key of ["a", "b", "c", "b", "a"]) await cache.get(key, load(key));
    expect(reads).toEqual(["a", "b", "c", "a"]);
  });
});
