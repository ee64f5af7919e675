import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SERVED_HTML_DIR } from "./utils";

// Playwright's global teardown: the Nu HTML checker (vnu.jar, Java) over every page the journeys
// visited, in one run (Java takes seconds to start). Any error fails the run, listed by file.
export default function globalTeardown() {
  validateServedHtml(SERVED_HTML_DIR);
}

export function validateServedHtml(dir: string) {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return;
  const jar = path.join(path.dirname(createRequire(import.meta.url).resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  const errors = nuErrors(jar, dir);
  if (errors.length > 0) throw new Error(`Nu HTML checker: ${errors.length} error(s)\n${errors.join("\n")}`);
  console.log(`Nu HTML checker: ${fs.readdirSync(dir).length} pages, no error`);
}

type NuMessage = { type: string; url: string; message: string; lastLine?: number; extract?: string };

function nuErrors(jar: string, dir: string): string[] {
  // The report (JSON) is on stderr; the exit status is 1 when there are errors.
  const run = spawnSync("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", dir], { encoding: "utf8" });
  const start = run.stderr?.indexOf("{") ?? -1;
  if (run.error || start < 0) throw new Error(`Nu HTML checker did not run: ${run.error?.message ?? run.stderr}`);
  const report = JSON.parse(run.stderr.slice(start)) as { messages: NuMessage[] };
  return report.messages
    .filter((m) => m.type === "error")
    .map((m) => `${m.url.replace(/^file:.*\//, "")}:${m.lastLine ?? "?"}: ${m.message}${m.extract ? ` [${m.extract.trim().slice(0, 80)}]` : ""}`);
}
