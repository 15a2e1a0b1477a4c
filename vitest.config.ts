import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
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
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/browser/**/*.test.ts", "tests/server/**/*.test.ts"],
          environment: "node",
          globals: true,
          // Each file starts the built server and Chromium; two cores run one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          setupFiles: ["tests/setup/setup-test-env.ts"],
        },
      },
    ],
  },
});
