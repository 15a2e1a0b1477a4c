import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/**
 * Which proxies may say who the client is, the two ways Express documents: how many proxies sit in
 * front (`1`), or their addresses (`loopback`, `10.0.0.0/8, 192.0.2.7`). Never "trust every hop":
 * the leftmost X-Forwarded-For address is written by the client.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value) => (value ?? "").trim())
  .refine((value) => !/^(true|yes)$/i.test(value), {
    message: "true would believe any X-Forwarded-For: give the number of proxies in front (1) or their addresses",
  })
  .refine((value) => /^(|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/i.test(value), {
    message: "expected false, a number of proxies, or proxy addresses separated by commas",
  })
  .transform((value): false | number | string[] => {
    if (value === "" || /^false$/i.test(value) || value === "0") return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(",").map((part) => part.trim());
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** The embedded SQLite file, used when DATABASE_URL is not set. */
  DATABASE_PATH: z.string().min(1).default("data/portal.sqlite"),
  /** A PostgreSQL database instead of the SQLite file: postgres://user:password@host:5432/name (docs/deploy.md). */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || /^postgres(ql)?:\/\/[^/]/i.test(value), {
      message: "expected a PostgreSQL address: postgres://user:password@host:5432/database",
    }),
  /** The most connections each process holds to PostgreSQL; instances × processes × this must stay under the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Where nightly backups go (switched on at /admin/settings), and `npm run backup` without a file name. */
  BACKUP_DIR: z.string().min(1).default("data/backups"),
  DEMO_MODE: booleanFlag,
  TRUST_PROXY: trustProxy,
  /** Surveys sent, and started, from one network address in an hour: sized for a busy school or family hub. */
  SUBMISSIONS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).default(1000),
  SURVEY_STARTS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).default(3000),
  /** The address people reach the portal at: links in emails (and open data) are made from it, never from a request. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where mail goes out, e.g. smtp://user:password@smtp.example.org:587; empty sends no mail. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  /** Largest request body, in kilobytes, by kind of page: refused with 413 as soon as it is passed. */
  BODY_LIMIT_PUBLIC_KB: z.coerce.number().int().min(1).max(10_240).default(64),
  BODY_LIMIT_SIGN_IN_KB: z.coerce.number().int().min(1).max(1_024).default(8),
  BODY_LIMIT_STAFF_KB: z.coerce.number().int().min(1).max(51_200).default(1_024),
  // A survey question page, which may carry a spoken answer: above the largest recording the settings allow (25 MB).
  BODY_LIMIT_SPOKEN_KB: z.coerce.number().int().min(64).max(51_200).default(26_624),
  MAIL_FROM: z.string().min(3).default("You said, we did <no-reply@localhost>"),
  /** Encrypts the e-mail addresses and mobile numbers of people who ask for updates: 32 random bytes, base64 (`openssl rand -base64 32`). Unset, updates are not offered. */
  CONTACT_ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || Buffer.from(value, "base64").length === 32, { message: "expected 32 bytes in base64: openssl rand -base64 32" }),
  /** How much the log says: server/logger.ts reads it as the process starts, before the rest of the environment. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Processes serving requests on PORT; unset is one per core in production, one otherwise (server/processes.ts). */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : undefined))
    .pipe(z.number().int().min(1).max(256).optional()),
});

export type EnvVariable = keyof typeof EnvSchema.shape;

/** Every variable the schema knows: a deployment that sets any other name has misspelt one (tests/unit/deploy.test.ts checks compose.yaml). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as EnvVariable[];

/**
 * What each instance must set in production on PostgreSQL behind a proxy (docs/deploy.md), because
 * each default is right only on a laptop: NODE_ENV (else development: no Secure cookies), DATABASE_URL
 * (else each instance keeps its own SQLite file), PUBLIC_URL (else email links say localhost),
 * TRUST_PROXY (else every person seems to come from the proxy's address and shares one rate limit),
 * and WEB_CONCURRENCY (else one process per core the container reports, so the PostgreSQL
 * connections, instances × processes × DATABASE_POOL_SIZE, cannot be counted in advance).
 */
export const REQUIRED_IN_PRODUCTION = ["NODE_ENV", "DATABASE_URL", "PUBLIC_URL", "TRUST_PROXY", "WEB_CONCURRENCY"] as const satisfies readonly EnvVariable[];

type ParsedEnv = z.infer<typeof EnvSchema>;
export type Env = Omit<ParsedEnv, "PUBLIC_URL"> & { PUBLIC_URL: string };

/** Parses the environment once; fails with a message naming each bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${problems.join("\n")}`);
  }
  // On a laptop the portal is where it listens.
  return { ...result.data, PUBLIC_URL: new URL(result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}`).origin };
}

/** Where the database is: the PostgreSQL address when one is set, otherwise the SQLite file. */
export function databaseTarget(env: Pick<Env, "DATABASE_URL" | "DATABASE_PATH">): string {
  return env.DATABASE_URL ?? env.DATABASE_PATH;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The portal's own origin, from configuration: absolute links never come from a request's Host header. */
export function publicOrigin(): string {
  return env().PUBLIC_URL;
}
