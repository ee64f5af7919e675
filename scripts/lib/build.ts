// Whether the production build (.next) is older than the sources: `npm start` rebuilds then; the
// bench and fault scripts also rebuild when it was made with another server-actions key, since they
// post server actions by id.
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

/** buildOutdatedReason, or a build made with another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY. */
export function buildStaleReason(): string | null {
  const outdated = buildOutdatedReason();
  if (outdated) return outdated;
  const manifest = path.join(".next", "server", "server-reference-manifest.json");
  if (!fs.existsSync(manifest)) return "no server actions manifest";
  const { encryptionKey } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { encryptionKey?: string };
  if (encryptionKey !== process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) return "built with another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY";
  return null;
}
