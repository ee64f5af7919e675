import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./scripts/lib/chromium";
import { assertDisposableDatabase } from "./tests/setup/databases";

assertDisposableDatabase(process.env.DATABASE_URL);

const PORT = Number(process.env.E2E_PORT ?? 3200);
export const BASE_URL = `http://localhost:${PORT}`;

const CHROMIUM = { ...devices["Desktop Chrome"], channel: undefined };

// Journeys that change what the others see run alone: the app's clock (factory, school-release),
// the organiser's account (its sign-in e-mails), quotas, approvals and the dashboard's figures; the
// Lyon journey's alert digest lists every visit published in the Rhône meanwhile; the circuits'
// journey signs the organiser in; the draws' journey moves the clock past its close; the attendance
// journey moves it to three days before its visit. The editions' journey comes last: it makes next
// year's edition and moves the clock past this year's event (every draw, reminder… then runs).
// Running one file: `npx playwright test --no-deps tests/e2e/<file>.spec.ts` (without --no-deps,
// a file of "shared-state" first runs every journey).
const SHARED_STATE = [
  "factory.spec.ts",
  "school-release.spec.ts",
  "organiser.spec.ts",
  "survey.spec.ts",
  "partners.spec.ts",
  "smoke.spec.ts",
  "journeys-catalogue.spec.ts",
  "journeys-approvals.spec.ts",
  "journeys-formats.spec.ts",
  "journeys-lyon.spec.ts",
  "journeys-circuits.spec.ts",
  "journeys-draws.spec.ts",
  "attendance.spec.ts",
  "transport.spec.ts",
].map((file) => `**/${file}`);
const LAST = "**/editions.spec.ts";

// Browser tests drive Debian's Chromium (Playwright cannot download its own browser here) against
// the production build, on a throw-away embedded database seeded with the demo data.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two browsers at a time: one journey mostly waits on the server or on the other process, so two
  // share the two cores. A file's tests run in order, in one worker.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // The Nu HTML checker over every page visit() saw, once at the end (Java starts slowly).
  globalTeardown: "./tests/e2e/validate-html.ts",
  use: {
    baseURL: BASE_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  projects: [
    { name: "journeys", testIgnore: [...SHARED_STATE, LAST], use: CHROMIUM },
    // One at a time, after the others: they move what every journey depends on.
    { name: "shared-state", testMatch: SHARED_STATE, dependencies: ["journeys"], workers: 1, use: CHROMIUM },
    { name: "year-after", testMatch: LAST, dependencies: ["shared-state"], workers: 1, use: CHROMIUM },
  ],
  webServer: {
    command: "tsx scripts/start.ts prod",
    url: `${BASE_URL}/api/health`,
    // Includes `next build` when the build is outdated: about 2 minutes alone on two cores, over 5
    // when other work shares them.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      EMBEDDED_PG_DIR: ".data/pg-e2e",
      EMBEDDED_PG_FRESH: "1",
      EMBEDDED_PG_PORT: String(PORT + 10000),
      DEV_SMTP_PORT: String(PORT + 1),
      // The demo data, even on an external (local, disposable) DATABASE_URL.
      SEED: "demo",
      // The journeys sign the demo organiser in more often than its 5 magic links an hour: allowances
      // ×5 (limits still run; tests/e2e/production-config.spec.ts checks them at their real values).
      RATE_LIMIT_FACTOR: "5",
      OUTBOX_POLL_MS: "200",
      // The lifecycle scheduler (reminders, survey invitations) ticks every second instead of every
      // minute, so a journey that moves a visit into the past gets its survey invitation promptly.
      SCHEDULER_INTERVAL_MS: "1000",
      // The journeys move the app's clock (POST /dev/horloge, lib/clock.ts) instead of the data; only
      // this server sets it (`npm start` never does; a real deployment refuses it).
      TEST_CLOCK: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
