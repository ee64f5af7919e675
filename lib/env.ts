import "server-only";
import { z } from "zod";
import { authSecret } from "@/lib/auth-secret";

// Validated once at start-up so a misconfiguration fails loudly instead of deep in a request.
const schema = z.object({
  DATABASE_URL: z.string().min(1),
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Usines Ouvertes <ne-pas-repondre@usines-ouvertes.fr>"),
  DEV_SMTP_PORT: z.coerce.number().int().default(2525),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

const parsed = schema.parse(process.env);

export const env = {
  ...parsed,
  AUTH_SECRET: authSecret(),
  // Without SMTP_URL, mail goes to the built-in development mailbox (DevMail table).
  devMailbox: !parsed.SMTP_URL,
};
