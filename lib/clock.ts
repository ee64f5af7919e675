import "server-only";
import { env } from "@/lib/env";

// The app's "now" for the rules that depend on the time (booking windows, school reservations,
// the scheduler, check-in at the door). Real time, unless the process was started with TEST_CLOCK=1
// (the browser tests' server and Vitest; lib/env-rules.ts refuses it on a real deployment): then tests
// may move it with setTestClock, in this process or through POST /dev/horloge. The offset lives on
// globalThis because Next bundles a module once per entry (instrumentation, routes, pages): they
// must all read the same clock.
const shared = globalThis as typeof globalThis & { __usinesOuvertesClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (env.testClock ? (shared.__usinesOuvertesClockOffsetMs ?? 0) : 0));
}

/** Whether the clock can be moved (TEST_CLOCK=1). */
export function testClockEnabled(): boolean {
  return env.testClock;
}

/** Moves the clock so that it reads `at` now (and runs on from there); null: back to real time. */
export function setTestClock(at: Date | null): void {
  if (!env.testClock) throw new Error("The clock can only be set in a process started with TEST_CLOCK=1");
  shared.__usinesOuvertesClockOffsetMs = at ? at.getTime() - Date.now() : 0;
}
