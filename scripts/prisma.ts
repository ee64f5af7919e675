// `npm run db -- <prisma args>`: runs the Prisma CLI against DATABASE_URL, or against the embedded
// development database (started for the duration of the command) when DATABASE_URL is unset.
import { withDevDatabase } from "./lib/dev-db";
import { run } from "./lib/run";

await withDevDatabase(async (url) => {
  await run("prisma", process.argv.slice(2), { ...process.env, DATABASE_URL: url });
});
