// `npx tsx scripts/challenge-cost.ts [--count 100] [--max-number 600]`
//
// What the proof of work (lib/challenge) costs a bot: solves N challenges at the default difficulty
// with altcha-lib in Node — the off-the-shelf solver, on the native PBKDF2 of OpenSSL — one after the
// other, and prints the CPU seconds per solution, that is per booking (or sign-in link, or survey
// answer) a bot sends. Also what issuing and checking one costs the server. Needs no server, no
// database: the challenges are made with a throw-away secret, exactly as GET /api/challenge makes them.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { checkSolution, COST, DEFAULT_MAX_NUMBER, newChallenge, solve } from "../lib/challenge/pow";

const { values: args } = parseArgs({
  options: { count: { type: "string", default: "100" }, "max-number": { type: "string", default: String(DEFAULT_MAX_NUMBER) } },
});
const count = Number(args.count);
const maxNumber = Number(args["max-number"]);
if (!(count > 0) || !(maxNumber > 0)) throw new Error("--count and --max-number expect positive numbers");

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

const secret = randomBytes(32).toString("base64url");
let issue = 0;
let work = 0;
let check = 0;
let attempts = 0;
const started = performance.now();
for (let i = 0; i < count; i++) {
  let t = process.cpuUsage();
  const challenge = await newChallenge(secret, maxNumber);
  issue += cpuSeconds(t);
  t = process.cpuUsage();
  const payload = await solve(challenge);
  work += cpuSeconds(t);
  t = process.cpuUsage();
  const verdict = await checkSolution(secret, payload);
  check += cpuSeconds(t);
  if (verdict.status !== "solved") throw new Error(`solution ${i} was not accepted: ${verdict.status}`);
  attempts += (JSON.parse(Buffer.from(payload, "base64").toString()) as { solution: { counter: number } }).solution.counter + 1;
}
const wall = (performance.now() - started) / 1000;

const perSolution = work / count;
console.log(`Proof of work: PBKDF2/SHA-256, ${COST} iterations per attempt, secret counter uniform in [1, ${maxNumber}]`);
console.log(`${count} challenges solved in ${wall.toFixed(1)} s (${(attempts / count).toFixed(0)} attempts each on average)`);
console.log(`bot, solving:   ${perSolution.toFixed(3)} CPU s per solution = per booking  (${Math.round(3600 / perSolution)} bookings per CPU-hour)`);
console.log(`                ${Math.round((attempts * COST) / work / 1e6 * 10) / 10} million PBKDF2 iterations per CPU second`);
console.log(`server, issuing: ${((issue / count) * 1000).toFixed(2)} CPU ms per challenge; checking: ${((check / count) * 1000).toFixed(2)} CPU ms per solution`);
