// Whether the production build (.next) is older than the sources: `npm start` rebuilds then, and
// the fault scripts (scripts/faults) add their own condition on top.
import fs from "node:fs";
import path from "node:path";

function newestSourceChange(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "public", "instrumentation.ts", "next.config.ts", "package-lock.json"]) visit(p);
  return newest;
}

/** "no build", "sources changed since the last build", or null when .next is up to date. */
export function buildOutdatedReason(): string | null {
  const buildId = fs.statSync(path.join(".next", "BUILD_ID"), { throwIfNoEntry: false });
  if (!buildId) return "no build";
  if (buildId.mtimeMs < newestSourceChange()) return "sources changed since the last build";
  return null;
}
