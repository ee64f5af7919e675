// `npm start` (production build) and `npm run dev`: database (embedded unless DATABASE_URL is set),
// migrations, demo data on first run, development mailbox, then Next. Ctrl-C stops everything.
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
  const env = { ...process.env, DATABASE_URL: db.url, APP_URL: appUrl, NEXTAUTH_URL: appUrl, PORT: String(port) };
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
    if (process.env.SEED !== "off") await run("tsx", ["prisma/seed.ts"], env);
    if (!process.env.SMTP_URL) {
      const smtpPort = Number(process.env.DEV_SMTP_PORT ?? 2525);
      try {
        stops.push(await startMailSink(db.url, smtpPort));
        console.log(`Development mailbox: ${appUrl}/dev/boite-mail (SMTP sink on 127.0.0.1:${smtpPort})`);
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
  running.next = start("next", [mode === "dev" ? "dev" : "start", "-p", String(port)], { env });
  running.next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error) => {
  console.error(error instanceof StartupError ? `\n✖ ${error.message}\n` : error);
  process.exit(1);
});
