import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ENV_VARIABLES, parseEnv, REQUIRED_IN_PRODUCTION } from "~/env.server";

/** The reference deployment (compose.yaml, Dockerfile, docs/deploy.md) against the settings the portal knows (app/env.server.ts). */

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

interface Service {
  build?: unknown;
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

// Merge keys (`<<: *portal`) are how the instances share one set of settings, as Docker Compose reads them.
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

const commandOf = (service: Service) => [service.command ?? []].flat().join(" ");
/** The portal's own image with its own command: an instance serving requests. */
const instances = services.filter(([, service]) => service.build !== undefined && service.command === undefined);
const migrations = services.filter(([, service]) => commandOf(service).includes("db:migrate"));

/** A service's environment as name → value, from either of the two forms Compose accepts. */
function environmentOf(service: Service): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => [line.split("=")[0], line.slice(line.indexOf("=") + 1)])
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, value === null ? "" : String(value)]);
  return Object.fromEntries(entries);
}

/**
 * What Compose makes of `${NAME:-default}` and `${NAME:?message}` when the reader has set only the
 * required ones: each required value becomes `stand-in`, the others their default.
 */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (_whole, _name: string, kind: string | undefined, rest: string | undefined) =>
    kind?.endsWith("?") ? "stand-in" : (rest ?? ""),
  );
}

/** PostgreSQL's default max_connections, which compose.yaml keeps, less room for migrations, backups and a person with psql (docs/deploy.md, "Sizing"). */
const MAX_CONNECTIONS = 100;
const KEPT_FREE = 10;

const dependsOn = (service: Service, name: string) =>
  Array.isArray(service.depends_on)
    ? { condition: "service_started", listed: service.depends_on.includes(name) }
    : { ...service.depends_on?.[name], listed: Boolean(service.depends_on?.[name]) };

describe("compose.yaml", () => {
  it("runs at least two instances of the portal, and one migration", () => {
    expect(instances.map(([name]) => name)).toEqual(expect.arrayContaining(["app1", "app2"]));
    expect(migrations).toHaveLength(1);
  });

  it("sets no variable the portal does not know, so a misspelt one cannot pass unnoticed", () => {
    for (const [name, service] of [...instances, ...migrations]) {
      const unknown = Object.keys(environmentOf(service)).filter((variable) => !(ENV_VARIABLES as string[]).includes(variable));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it("sets every variable production on PostgreSQL needs, on every instance", () => {
    for (const [name, service] of instances) {
      const missing = REQUIRED_IN_PRODUCTION.filter((variable) => !(variable in environmentOf(service)));
      expect({ service: name, missing }).toEqual({ service: name, missing: [] });
    }
  });

  it("gives every instance, and the migration, the same settings", () => {
    const [first, ...others] = [...instances, ...migrations].map(([, service]) => environmentOf(service));
    for (const other of others) expect(other).toEqual(first);
  });

  it("holds settings the portal accepts: production, on PostgreSQL, within the server's connections", () => {
    for (const [, service] of instances) {
      const resolved = Object.fromEntries(Object.entries(environmentOf(service)).map(([name, value]) => [name, interpolate(value)]));
      const env = parseEnv(resolved as NodeJS.ProcessEnv);
      expect(env.NODE_ENV).toBe("production");
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/portal:stand-in@db:5432\/portal$/);
      expect(env.TRUST_PROXY).toBe(1);
      const connections = instances.length * (env.WEB_CONCURRENCY ?? 0) * env.DATABASE_POOL_SIZE;
      expect(connections).toBeGreaterThan(0);
      expect(connections).toBeLessThanOrEqual(MAX_CONNECTIONS - KEPT_FREE);
    }
  });

  it("names secrets only as placeholders that the reader must set", () => {
    const required = /^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/;
    expect(compose.services.db.environment).toMatchObject({ POSTGRES_PASSWORD: expect.stringMatching(required) });
    for (const [, service] of [...instances, ...migrations]) {
      const password = new URL(environmentOf(service).DATABASE_URL.replace(/\$\{[^}]+\}/, "PLACEHOLDER")).password;
      expect(password).toBe("PLACEHOLDER");
      expect(environmentOf(service).DATABASE_URL).toContain("${POSTGRES_PASSWORD:?");
    }
  });

  it("migrates once PostgreSQL is ready, and starts the instances only after the migration succeeded", () => {
    const [[migrationName, migration]] = migrations;
    expect(compose.services.db.healthcheck?.test).toEqual(expect.arrayContaining(["pg_isready"]));
    expect(dependsOn(migration, "db")).toMatchObject({ listed: true, condition: "service_healthy" });
    for (const [, service] of instances) {
      expect(dependsOn(service, migrationName)).toMatchObject({ listed: true, condition: "service_completed_successfully" });
    }
  });
});

describe("Dockerfile", () => {
  const lines = read("Dockerfile")
    .split("\n")
    .map((line) => line.trim());
  const instruction = (name: string) => lines.filter((line) => line.toUpperCase().startsWith(`${name} `));

  it("builds in one stage and runs in another, as a user who is not root", () => {
    expect(instruction("FROM").length).toBeGreaterThan(1);
    const user = instruction("USER").at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user?.split(":")[0]);
  });

  it("starts the built server, and checks it at /healthz", () => {
    expect(instruction("CMD").at(-1)).toBe('CMD ["node", "build/server.js"]');
    expect(read("Dockerfile")).toMatch(/HEALTHCHECK[^\n]*(\\\n[^\n]*)*\/healthz/);
  });
});

describe("docs/deploy.md", () => {
  it("describes every setting the portal knows", () => {
    const doc = read("docs/deploy.md");
    expect(ENV_VARIABLES.filter((variable) => !doc.includes(`| \`${variable}\` |`))).toEqual([]);
  });
});
