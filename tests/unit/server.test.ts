import { parseEnv } from "~/env.server";
import { redactPath } from "../../server/log";

const parse = (source: Record<string, string>) => parseEnv(source as NodeJS.ProcessEnv);

describe("environment", () => {
  it("uses defaults that suit a laptop", () => {
    const env = parse({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_PATH: "data/portal.sqlite", DEMO_MODE: false });
  });

  it("names the bad variable", () => {
    expect(() => parse({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parse({ DEMO_MODE: "perhaps" })).toThrow(/DEMO_MODE/);
  });

  it("takes a PostgreSQL address instead of the SQLite file, and refuses any other kind of address", async () => {
    const { databaseTarget } = await import("~/env.server");
    const env = parse({ DATABASE_URL: "postgres://portal:secret@db.internal:5432/portal?sslmode=verify-full", DATABASE_POOL_SIZE: "20" });
    expect(databaseTarget(env)).toBe("postgres://portal:secret@db.internal:5432/portal?sslmode=verify-full");
    expect(env.DATABASE_POOL_SIZE).toBe(20);
    expect(databaseTarget(parse({}))).toBe("data/portal.sqlite");
    expect(() => parse({ DATABASE_URL: "mysql://portal@db/portal" })).toThrow(/DATABASE_URL: expected a PostgreSQL address/);
    expect(() => parse({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});

describe("request log", () => {
  it("never records query strings or resume codes", () => {
    expect(redactPath("/surveys/young-people/questions/best-thing?return=check")).toBe("/surveys/young-people/questions/best-thing");
    expect(redactPath("/resume/K7MP-2QXR-9FHT")).toBe("/resume/[code]");
    expect(redactPath("/reset-password/abc_DEF-123?x=1")).toBe("/reset-password/[token]");
    expect(redactPath("//%52eset-password/abc")).toBe("/reset-password/[token]");
    expect(redactPath("/RESUME/K7MP-2QXR-9FHT")).toBe("/resume/[code]");
    expect(redactPath("/%72esume/K7MP-2QXR-9FHT")).toBe("/resume/[code]");
    expect(redactPath("//Resume/K7MP-2QXR-9FHT?x=1")).toBe("/resume/[code]");
    expect(redactPath("/%E0%A4%A")).toBe("[undecodable path]");
  });
});
