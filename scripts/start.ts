// `npm start` (production build) and `npm run dev`: the local demo. Database (embedded unless
// DATABASE_URL is set), migrations, demo data on first run, development mailbox, then Next (through
// scripts/serve.ts in production mode). Ctrl-C stops everything. The demo conveniences are switched on
// here, explicitly: generated secrets, DEV_MAILBOX=1 without SMTP_URL, and the demo accounts — on an
// external DATABASE_URL only with SEED=demo, so pointing `npm start` at a real database never
// creates an organiser account anyone can sign in as.
import { buildOutdatedReason } from "./lib/build";
import { openDevDatabase } from "./lib/dev-db";
import { StartupError } from "./lib/embedded-db";
import { startMailSink } from "./lib/mail-sink";
import { run, start } from "./lib/run";
import { ensureLocalSecrets } from "./lib/secrets";

const mode = process.argv[2] === "dev" ? "dev" : "prod";
const port = Number(process.env.PORT ?? 3000);

async function main() {
  ensureLocalSecrets();
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const db = await openDevDatabase();
  const devMailbox = !process.env.SMTP_URL;
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    PORT: String(port),
    ...(devMailbox ? { DEV_MAILBOX: "1" } : {}),
  };
  const seed = process.env.DATABASE_URL ? process.env.SEED === "demo" : process.env.SEED !== "off";
  const stops: (() => Promise<void>)[] = [db.stop];
  const running: { next?: ReturnType<typeof start> } = {};

  const shutdown = async (code: number) => {
    running.next?.kill("SIGTERM");
    for (const stop of stops.reverse()) await stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    await run("prisma", ["migrate", "deploy"], env);
    if (seed) await run("tsx", ["prisma/seed.ts"], env);
    else if (process.env.DATABASE_URL) console.log("External DATABASE_URL: no demo data (SEED=demo adds it).");
    if (devMailbox) {
      const smtpPort = Number(process.env.DEV_SMTP_PORT ?? 2525);
      try {
        stops.push(await startMailSink(db.url, smtpPort));
        console.log(`DEV_MAILBOX=1 (no SMTP_URL): e-mails go to ${appUrl}/dev/boite-mail (SMTP sink on 127.0.0.1:${smtpPort})`);
      } catch {
        // Several instances on one machine share the first instance's sink.
        console.warn(`SMTP port ${smtpPort} is busy: assuming another instance's development mailbox is running.`);
      }
    }
    if (mode === "prod" && buildOutdatedReason() !== null) await run("next", ["build"], env);
  } catch (error) {
    console.error(error instanceof StartupError ? `\n✖ ${error.message}\n` : error);
    await shutdown(1);
  }

  console.log(`\nUsines Ouvertes: ${appUrl}\n`);
  running.next = mode === "dev" ? start("next", ["dev", "-p", String(port)], { env }) : start("tsx", ["scripts/serve.ts"], { env });
  running.next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error) => {
  console.error(error instanceof StartupError ? `\n✖ ${error.message}\n` : error);
  process.exit(1);
});
