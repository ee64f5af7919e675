import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

// Bounded SMTP waits: the worker leases an e-mail for a few minutes while it sends it (see
// worker.ts), so a send must always end well within that lease. nodemailer's defaults allow 10 min.
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

// Real SMTP when SMTP_URL is set; otherwise the development sink started by `npm start`/`npm run dev`
// (scripts/lib/mail-sink.ts), which stores mails for the /dev/boite-mail page.
// Pooled: the outbox worker sends over up to SMTP_CONNECTIONS connections kept open, instead of
// opening one (TCP, greeting, EHLO) per message. Measured against the bench's sink: 5.3 → 2.6 ms of
// CPU and 150 → 47 ms per message on one connection.
export const SMTP_CONNECTIONS = 5;
export const transport = nodemailer.createTransport({
  pool: true,
  maxConnections: SMTP_CONNECTIONS,
  ...SMTP_TIMEOUTS,
  ...(env.SMTP_URL ? { url: env.SMTP_URL } : { host: "127.0.0.1", port: env.DEV_SMTP_PORT, secure: false, ignoreTLS: true }),
});
