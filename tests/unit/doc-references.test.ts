// Code and docs may only cite documents that are in the repository (docs/decisions/ holds the
// reasons behind the code): every `*.md` file and `docs/…` path they mention must exist.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const THIS_FILE = path.relative(ROOT, fileURLToPath(import.meta.url));
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".next", ".data", "test-results", "playwright-report", "coverage"]);
const SCANNED = /\.(ts|tsx|mts|mjs|js|md|prisma|sql)$/;

// A path ending in .md, or starting with docs/, not preceded by another path character (so the
// whole path is captured).
const REFERENCE = /(?<![\w./@-])(?:[\w.@-]+\/)*[\w.@-]+\.md(?![\w-])|(?<![\w./@-])docs\/[\w./-]*/g;

function sourceFiles(dir = ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return SCANNED.test(entry.name) ? [path.relative(ROOT, full)] : [];
  });
}

// The word around a match, to leave URLs (https://…/README.md) alone.
function wordAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/[\s"'`(<[]/.test(text[from - 1])) from--;
  return text.slice(from, end);
}

/** The references in `text` (from file `file`, relative to the root) to files that do not exist. */
function missingReferences(file: string, text: string): string[] {
  const missing: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    if (wordAround(text, match.index, match.index + match[0].length).includes("://")) continue;
    const reference = match[0].replace(/[./]+$/, "");
    // From the repository's root, or relative to the citing file (Markdown links).
    const exists = [ROOT, path.join(ROOT, path.dirname(file))].some((base) => fs.existsSync(path.resolve(base, reference)));
    if (!exists) missing.push(`${file}: ${match[0]}`);
  }
  return missing;
}

describe("document references", () => {
  it("finds references to missing documents, and accepts existing ones (control)", () => {
    const text = [
      "// see concurrency.md and shared/design/prisma-offline.md",
      "// see docs/decisions/0003-booking-on-plain-pg.md and docs/faults.md.",
      "[decisions](0001-client-address.md), docs/nowhere/, https://example.org/elsewhere/README.md",
    ].join("\n");
    expect(missingReferences("docs/decisions/example.md", text)).toEqual([
      "docs/decisions/example.md: concurrency.md",
      "docs/decisions/example.md: shared/design/prisma-offline.md",
      "docs/decisions/example.md: docs/nowhere/",
    ]);
  });

  it("every *.md file and docs/ path cited by the code and docs exists", () => {
    const files = sourceFiles().filter((file) => file !== THIS_FILE);
    expect(files).toContain(path.join("lib", "booking", "book.ts"));
    expect(files).toContain(path.join("docs", "decisions", "README.md"));
    const missing = files.flatMap((file) => missingReferences(file, fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(missing).toEqual([]);
  });
});
