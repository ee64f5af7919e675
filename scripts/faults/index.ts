// `npm run faults [-- --only db,smtp,kill] [--quick]`: fault-injection scenarios, each on its own
// embedded PostgreSQL, mail sink and `next start` instance(s) (production build, made if stale):
//   db    (a) PostgreSQL stopped for ~3 s and started again during a booking load (db-restart.ts)
//   smtp  (b) the SMTP sink down while confirmations are sent (smtp-outage.ts)
//   kill  (c) two instances, one SIGKILLed in the middle of a booking load (kill-instance.ts)
// Prints each scenario's checks and measurements, writes them to .data/faults-logs/results.json,
// exits 1 if any check fails. --quick is the CI form (shorter loads; about 2–3 minutes in all).
// Logs of every process: .data/faults-logs/<scenario>/. See docs/faults.md.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureLocalSecrets } from "../lib/secrets";
import { dbRestart } from "./db-restart";
import { killInstance } from "./kill-instance";
import { bold, dim, ensureBuild, green, red, stopEverything } from "../lib/stack";
import { printChecks, type ScenarioResult } from "./scenario";
import { smtpOutage } from "./smtp-outage";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
  process.exit(0);
}

const LOG_DIR = path.join(".data", "faults-logs");
const SCENARIOS: Record<string, (o: { quick: boolean; logDir: string }) => Promise<ScenarioResult>> = { db: dbRestart, smtp: smtpOutage, kill: killInstance };

async function main() {
  ensureLocalSecrets();
  const only = args.only ? args.only.split(",").map((s) => s.trim()) : Object.keys(SCENARIOS);
  for (const name of only) if (!SCENARIOS[name]) throw new Error(`Unknown scenario "${name}" (db, smtp, kill)`);
  fs.mkdirSync(LOG_DIR, { recursive: true });
  // The build needs a DATABASE_URL to load lib/env; it never connects at build time.
  await ensureBuild({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:1/build-only" }, LOG_DIR);

  const results: ScenarioResult[] = [];
  for (const name of only) {
    const started = performance.now();
    let result: ScenarioResult;
    try {
      result = await SCENARIOS[name]({ quick: args.quick, logDir: LOG_DIR });
    } catch (error) {
      result = { name, ok: false, checks: [{ label: "the scenario ran to its end", ok: false, detail: String((error as Error).stack ?? error) }], metrics: {} };
    }
    result.metrics["scenario duration (s)"] = Math.round((performance.now() - started) / 100) / 10;
    results.push(result);
    console.log(`\n${bold(result.name)} ${result.ok ? green("PASS") : red("FAIL")}`);
    printChecks(result.checks);
    for (const [k, v] of Object.entries(result.metrics)) console.log(dim(`    ${k}: ${v}`));
  }
  fs.writeFileSync(path.join(LOG_DIR, "results.json"), JSON.stringify({ at: new Date().toISOString(), quick: args.quick, results }, null, 2));
  const ok = results.every((r) => r.ok);
  console.log(`\n${ok ? green(bold("faults: PASS")) : red(bold("faults: FAIL"))} ${dim(`(${results.map((r) => `${r.name.split(" ")[0]} ${r.ok ? "ok" : "failed"}`).join(", ")}; logs in ${LOG_DIR})`)}`);
  process.exit(ok ? 0 : 1);
}

const interrupted = (code: number) => () => {
  console.log("\nInterrupted: stopping Next, the mail sinks and PostgreSQL…");
  void stopEverything().finally(() => process.exit(code));
};
process.on("SIGINT", interrupted(130));
process.on("SIGTERM", interrupted(143));
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
