import { defineConfig } from "vitest/config";
import { randomBytes } from "node:crypto";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "tests/setup/empty-module.ts") },
  },
  test: {
    // No built-in secret exists: the tests generate theirs, like `npm start` does.
    // The proof of work at a trivial difficulty (a few PBKDF2 rounds): tests solve many challenges.
    // TEST_CLOCK: tests may move the app's clock (lib/clock.ts).
    env: { AUTH_SECRET: randomBytes(32).toString("base64url"), CHALLENGE_MAX_NUMBER: "3", TEST_CLOCK: "1" },
    testTimeout: 60_000,
    // Vitest's default is one worker per core minus one: one worker on our two cores, which leaves a
    // core idle while the tests wait on PostgreSQL. Each integration worker has its own database.
    maxWorkers: 2,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // Pure functions, no database: lib/env still wants a URL when a module it configures is loaded.
          env: { DATABASE_URL: "postgresql://unit-tests-never-connect@127.0.0.1:9/none" },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Each worker gets its own database cloned from a migrated template.
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/worker-setup.ts"],
        },
      },
    ],
  },
});
