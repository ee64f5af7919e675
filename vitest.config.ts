import { defineConfig } from "vitest/config";
import { randomBytes } from "node:crypto";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "tests/setup/empty-module.ts") },
  },
  test: {
    // No built-in secret exists: the tests generate theirs, like `npm start` does.
    env: { AUTH_SECRET: randomBytes(32).toString("base64url") },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
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
