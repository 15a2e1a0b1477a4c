import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

/**
 * Every database test runs on SQLite (the unit project) and again on PostgreSQL (the postgres
 * project), on a server of the tests' own (tests/support/postgres.ts). TEST_ENGINES=sqlite runs the
 * SQLite half alone, on a machine without PostgreSQL.
 */
const engines = (process.env.TEST_ENGINES ?? "sqlite,postgres").split(",");
/** About SQLite files themselves (backups of the file, migrating old files): PostgreSQL has its own twins in tests/server. */
const sqliteOnly = ["tests/integration/backups.test.ts", "tests/integration/migrations.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    // Two files at a time in every project (vitest's default is one fewer than the cores: one, here).
    // A browser test mostly waits on Chromium and its server, so another file runs beside it.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
          environment: "node",
          globals: true,
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/setup-test-env.ts", "tests/setup/db-setup.ts"],
        },
      },
      ...(engines.includes("postgres")
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.{ts,tsx}"],
                exclude: sqliteOnly,
                environment: "node",
                globals: true,
                env: { TEST_ENGINE: "postgres" },
                globalSetup: ["tests/setup/postgres-global-setup.ts"],
                setupFiles: ["tests/setup/setup-test-env.ts", "tests/setup/db-setup.ts"],
              },
            },
          ]
        : []),
      // Against the built server: the browser tests in Chromium (e2e), and the server tests over HTTP
      // (server). Each file starts a server of its own from the one build, on a free port, with its
      // own database, so files run side by side with each other and with the database tests.
      ...[
        { name: "e2e", include: ["tests/browser/**/*.test.ts"], globalSetup: [] as string[] },
        {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          // A PostgreSQL server for the tests that run the built server on it (several instances, a restart, db:copy).
          globalSetup: engines.includes("postgres") ? ["tests/setup/postgres-global-setup.ts"] : [],
        },
      ].map(({ name, include, globalSetup }) => ({
        resolve: { alias },
        test: {
          name,
          include,
          environment: "node" as const,
          globals: true,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup,
          env: { TEST_ENGINES: engines.join(",") },
          setupFiles: ["tests/setup/setup-test-env.ts"],
        },
      })),
    ],
  },
});
