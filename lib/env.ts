import "server-only";
import { z } from "zod";
import { DEFAULT_MAX_NUMBER } from "@/lib/challenge/pow";
import { assertProductionConfig, authSecretFrom, serverActionOrigins } from "@/lib/env-rules";

// Every setting of the app, validated once when a server module first needs one, so a
// misconfiguration fails loudly instead of deep in a request. The README lists them.
const flag = (fallback: "on" | "off") => z.enum(["on", "off"]).default(fallback);
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string({ error: "DATABASE_URL is not set (npm start and npm test set it for the embedded database)" }).min(1),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(20),
  APP_URL: z.url().default("http://localhost:3000"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Usines Ouvertes <ne-pas-repondre@usines-ouvertes.fr>"),
  DEV_MAILBOX: z.string().default(""),
  // "1": tests may move the app's clock (lib/clock.ts). Never set by `npm start`.
  TEST_CLOCK: z.string().default(""),
  DEV_SMTP_PORT: z.coerce.number().int().default(2525),
  OUTBOX_WORKER: flag("on"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  SCHEDULER: flag("on"),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  // Tests and the benchmark multiply the rate-limit allowances instead of switching limits off.
  RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  // Proof-of-work difficulty of the anti-bot challenge (lib/challenge/pow.ts explains the default).
  CHALLENGE_MAX_NUMBER: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MAX_NUMBER),
});

// `next build` imports server modules to collect pages: it needs no secret (it serves nothing).
const building = process.env.NEXT_PHASE === "phase-production-build";
if (!building) assertProductionConfig(process.env);

const parsed = schema.parse(process.env);

export const env = {
  ...parsed,
  AUTH_SECRET: building ? "" : authSecretFrom(process.env),
  SERVER_ACTIONS_ALLOWED_ORIGINS: serverActionOrigins(process.env),
  // The development mailbox (/dev/boite-mail) only exists when asked for: `npm start`/`npm run dev` do.
  devMailbox: parsed.DEV_MAILBOX === "1",
  // The settable clock (and its route /dev/horloge) only exists when asked for: the browser tests do.
  testClock: parsed.TEST_CLOCK === "1",
};
