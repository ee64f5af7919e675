// What `npm run draw:verify` checks, as a function (the script only reads the file and prints).
import { allocate, commitmentOf } from "./allocate";
import { drawRecord } from "./schemas";

export interface DrawVerification {
  ok: boolean;
  lines: string[];
}

export function verifyDraw(json: unknown): DrawVerification {
  const parsed = drawRecord.safeParse(json);
  if (!parsed.success) {
    return { ok: false, lines: parsed.error.issues.map((issue) => `invalid record: ${issue.path.join(".") || "(root)"}: ${issue.message}`) };
  }
  const record = parsed.data;
  const lines: string[] = [];
  const seedMatches = commitmentOf(record.seed) === record.commitment;
  lines.push(seedMatches ? "seed: matches the published commitment (SHA-256)" : "seed: does NOT match the published commitment");
  const result = allocate(record.seed, record.offers, record.applications);
  const key = (a: { applicationId: string; offerId: string; rank: number }) => `${a.applicationId}→${a.offerId}#${a.rank}`;
  const rerun = new Set(result.allocations.map(key));
  const published = new Set(record.allocations.map(key));
  const missing = [...rerun].filter((a) => !published.has(a));
  const extra = [...published].filter((a) => !rerun.has(a));
  lines.push(`draw order: ${result.order.length} applications; ${result.allocations.length} allocations in the re-run, ${published.size} published`);
  for (const a of missing) lines.push(`missing from the published result: ${a}`);
  for (const a of extra) lines.push(`published but not in the re-run: ${a}`);
  const allocationsMatch = missing.length === 0 && extra.length === 0;
  lines.push(allocationsMatch ? "allocations: identical to the published ones" : "allocations: DIFFER from the published ones");
  return { ok: seedMatches && allocationsMatch, lines };
}
