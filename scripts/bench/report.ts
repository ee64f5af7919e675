// The printed table, the ratios and the pass/fail checks of `npm run bench`.
import { bold, dim, green, red } from "../lib/stack";
import type { LoadResult } from "./load";

export interface ScenarioResult extends LoadResult {
  id: string;
  label: string;
  group: "ceiling" | "booking" | "page";
  concurrency: number;
  /** Booking scenarios: what the database holds for this scenario's requests. */
  bookings?: { confirmed: number; waitlisted: number; seats: number };
  /** Seconds the outbox worker(s) then needed to deliver the e-mails still pending (null: none). */
  outboxDrainSeconds?: number | null;
  outboxPendingAfterDrain?: number;
  /** Mails the worker(s) delivered per second while draining. */
  outboxDeliveryRate?: number | null;
  /** CPU milliseconds per request: every `next start` process, PostgreSQL, this load generator. */
  cpu: { appMsPerRequest: number; dbMsPerRequest: number | null; benchMsPerRequest: number; appCores: number; dbCores: number | null };
}

export interface Check {
  /** Stable: what tools and the issue's tables refer to; the name may be reworded. */
  id: string;
  name: string;
  value: number;
  target: string;
  pass: boolean;
  detail?: string;
}

const fixed = (value: number, digits = 1) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value: number) => value.toLocaleString("en-US");

export function table(results: ScenarioResult[]): string {
  const header = ["scenario", "conc", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "CPU ms/req app+db", "bookings (conf. / waitlisted)"];
  const rows = results.map((r) => [
    r.label,
    String(r.concurrency),
    int(r.requests),
    fixed(r.throughput, 0),
    fixed(r.p50),
    fixed(r.p95),
    fixed(r.p99),
    r.errors ? red(int(r.errors)) : "0",
    `${fixed(r.cpu.appMsPerRequest)} + ${r.cpu.dbMsPerRequest === null ? "?" : fixed(r.cpu.dbMsPerRequest)}`,
    r.bookings ? `${int(r.bookings.confirmed)} / ${int(r.bookings.waitlisted)}` : "",
  ]);
  // Widths without the colour codes.
  const visible = (text: string) => text.replace(/\u001b\[\d+m/g, "").length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((row) => visible(row[i]))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell + " ".repeat(widths[i] - visible(cell)) : " ".repeat(widths[i] - visible(cell)) + cell)).join("  ");
  return [bold(line(header)), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// For the targets not reached yet: where the profiles say the time goes, and what reaching them would
// take, in one line each; bench/README.md ("Where the time goes") has the measurements.
const WHERE_THE_TIME_GOES: Record<string, string> = {
  "factory-cpu":
    "a render per view (Next and React, to the RSC payload then to HTML ≈ 32 %, Node's streams and HTTP ≈ 32 %, the app's code 20 %, GC 9 %, Prisma 5 %); needs the page cached while its factory and visits do not change, with the seat counts served apart, and a cheaper first render",
  "booking-cpu-ratio":
    "socket writes 18 % (five round trips), Next's route plumbing 14 %, Node's streams and HTTP 17 %, GC 8 %, the e-mail ≈ 9 %; needs fewer round trips and the e-mail rendered by the outbox worker",
  "rush-rate":
    "page renders take the cores (catalogue copies re-rendered every 5 s per instance, a factory page per view); needs factory pages and catalogue copies served from a cache with their seat counts apart",
  "js-catalogue": "≈ 444 kB are Next's client runtime and React DOM, loaded by every App Router page to hydrate; needs public pages that do not hydrate",
  lighthouse: "Total Blocking Time from parsing and running that JavaScript on the slowed phone; follows js-catalogue",
};

export function printChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  return checks
    .map((c) => {
      const line = `${c.pass ? green("PASS") : red("FAIL")}  ${c.id.padEnd(width)}  ${c.name}: ${fixed(c.value, c.value % 1 === 0 ? 0 : 2)} (target ${c.target})${c.detail ? dim(`  ${c.detail}`) : ""}`;
      const why = c.pass ? undefined : WHERE_THE_TIME_GOES[c.id];
      return why ? `${line}\n${" ".repeat(width + 8)}${dim(`where the time goes: ${why} (bench/README.md)`)}` : line;
    })
    .join("\n");
}

export function errorSummary(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const kinds = Object.entries(r.errorKinds).sort((a, b) => b[1] - a[1]);
    if (kinds.length === 0) continue;
    lines.push(`${r.label}: ${kinds.slice(0, 4).map(([kind, n]) => `${n}× ${kind}`).join("; ")}`);
  }
  return lines.join("\n");
}

export { fixed, int };
