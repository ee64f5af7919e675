// CPU time spent by the app and by PostgreSQL, read from /proc (Linux). On a shared machine the
// throughput moves with everyone else's load; CPU milliseconds per request much less, so they tell
// where the time goes (and how many requests two cores could serve at most).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // Linux's usual value
}

interface Stat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime of the process itself. */
  own: number;
  /** cutime + cstime: its children that have exited. */
  reaped: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      own: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  if (!fs.existsSync("/proc")) return [];
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is Stat => s !== null);
}

const ms = (ticks: number) => (ticks * 1000) / ticksPerSecond;

/** CPU ms used so far by the processes of these process groups (each `next start` runs in its own). */
export function groupsCpuMs(groups: number[]): number {
  const wanted = new Set(groups);
  return ms(allStats().filter((s) => wanted.has(s.pgrp)).reduce((sum, s) => sum + s.own + s.reaped, 0));
}

/** CPU ms used so far by a PostgreSQL server (postmaster, its live backends and the exited ones). */
export function postgresCpuMs(dataDir: string): number | null {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  const stats = allStats();
  const main = stats.find((s) => s.pid === postmaster);
  if (!main) return null;
  return ms(main.own + main.reaped + stats.filter((s) => s.ppid === postmaster).reduce((sum, s) => sum + s.own, 0));
}

/** CPU ms used so far by this process (the load generator and the SQL ceiling's client). */
export function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
