// Re-runs a published draw: `npm run draw:verify -- <record.json>` (the record is the JSON the draw's
// public page offers). Checks that the seed matches the commitment published before the window
// opened, re-runs the allocation and compares it with the published one. Exit code 0 when they match.
import { readFileSync } from "node:fs";
import { verifyDraw } from "@/lib/draw/verify";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run draw:verify -- <record.json>");
  process.exit(2);
}
const report = verifyDraw(JSON.parse(readFileSync(file, "utf8")));
for (const line of report.lines) console.log(line);
process.exit(report.ok ? 0 : 1);
