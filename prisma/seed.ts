// Demo data: `tsx prisma/seed.ts` (run by `npm start`/`npm run dev` on first start, or `npm run db -- db seed`).
//   --factories N               number of factories (default 200)
//   --slug X                    edition slug (default juo-2027; demo accounts are only attached to that one)
//   --slots-per-factory N|A-B   slots per approved factory (default 2-6)
//   --seed N                    PRNG seed (default 2027)
// Benchmark data, e.g.: tsx prisma/seed.ts --slug bench-1000 --factories 1000 --slots-per-factory 10
// Does nothing if the edition already exists, so it is safe to run on every start.
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { DEMO_EDITION_SLUG } from "../lib/seed/demo-accounts";
import { DEFAULT_SEED, seedEdition } from "../lib/seed/generate";

function wholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} expects a whole number, got "${value}"`);
  return n;
}

function parseRange(value: string): [number, number] {
  const [min, max = min] = value.split("-");
  return [wholeNumber("slots-per-factory", min), wholeNumber("slots-per-factory", max)];
}

async function main() {
  const { values } = parseArgs({
    options: {
      factories: { type: "string", default: "200" },
      slug: { type: "string", default: DEMO_EDITION_SLUG },
      "slots-per-factory": { type: "string", default: "2-6" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run `npm run db -- db seed` to seed the embedded database.");

  // Not lib/db: it imports "server-only", which throws outside React Server runtimes.
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const slug = values.slug;
    if (await db.edition.findUnique({ where: { slug }, select: { id: true } })) {
      console.log(`Demo data already present (edition "${slug}")`);
      return;
    }
    const started = performance.now();
    const summary = await seedEdition(db, {
      factories: wholeNumber("factories", values.factories),
      slotsPerFactory: parseRange(values["slots-per-factory"]),
      seed: wholeNumber("seed", values.seed),
      slug,
      withBookings: true,
      withDemoAccounts: slug === DEMO_EDITION_SLUG,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const n = (value: number) => value.toLocaleString("en-US");
    console.log(
      `Seeded edition "${slug}": ${n(summary.factories)} factories, ${n(summary.slots)} slots, ${n(summary.bookings)} bookings in ${seconds} s`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
