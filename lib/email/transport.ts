import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

// Real SMTP when SMTP_URL is set; otherwise the development sink started by `npm start`/`npm run dev`
// (scripts/lib/mail-sink.ts), which stores mails for the /dev/boite-mail page.
export const transport = nodemailer.createTransport(
  env.SMTP_URL ?? { host: "127.0.0.1", port: env.DEV_SMTP_PORT, secure: false, ignoreTLS: true },
);
