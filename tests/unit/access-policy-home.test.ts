// "Is organiser" is written once, in lib/auth/policy.ts (isOrganiser): any other source file of
// lib/, app/ or components/ that compares a role with "ORGANISER" fails here. Writing the role
// (create, update, a where-clause) is not a comparison and stays allowed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCANNED_DIRS = ["lib", "app", "components"];
const POLICY = "lib/auth/policy.ts";

// `role === "ORGANISER"`, `role !== 'ORGANISER'`, `"ORGANISER" == user.role`, … (either side, any quotes).
const ROLE_COMPARISON = /\brole\s*[!=]==?\s*["'`]ORGANISER["'`]|["'`]ORGANISER["'`]\s*[!=]==?\s*[\w?.]*\brole\b/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [rel] : [];
  });
}

/** The lines of `text` that compare a role with ORGANISER. */
const roleComparisons = (text: string) => text.split("\n").filter((line) => ROLE_COMPARISON.test(line));

describe("the organiser check has one home", () => {
  it("recognises the comparisons it forbids, and leaves writes alone (positive and negative controls)", () => {
    expect(roleComparisons('if (user.role === "ORGANISER") return;')).toHaveLength(1);
    expect(roleComparisons("if (actor?.role !== 'ORGANISER') throw x;")).toHaveLength(1);
    expect(roleComparisons('const ok = "ORGANISER" === user?.role;')).toHaveLength(1);
    expect(roleComparisons('data: { role: "ORGANISER" }\nwhere: { role: "ORGANISER" }')).toHaveLength(0);
  });

  it("finds the comparison in the policy itself (the scan does read the files)", () => {
    expect(roleComparisons(fs.readFileSync(path.join(ROOT, POLICY), "utf8"))).not.toHaveLength(0);
  });

  it("no other source in lib/, app/ or components/ compares a role with ORGANISER", () => {
    const files = SCANNED_DIRS.flatMap(sources).filter((file) => file !== POLICY);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => roleComparisons(fs.readFileSync(path.join(ROOT, file), "utf8")).map((line) => `${file}: ${line.trim()}`));
    expect(offenders, "use isOrganiser() from lib/auth/policy.ts").toEqual([]);
  });
});
