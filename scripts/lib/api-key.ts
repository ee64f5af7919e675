// A partner's API key for the load generators (bench, faults), made in their own database by SQL the
// way the organisers' page makes one (lib/partners/api-key-format: only the hash is stored). Their
// bookings through POST /api/v1/bookings then carry `Authorization: Bearer <key>`: no proof of work
// to solve, and limited per key (an allowance that RATE_LIMIT_FACTOR raises like every other).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { newApiKey, type NewApiKey } from "../../lib/partners/api-key-format";

/** Inserts a key (a new one unless given) with the given scopes and returns its secret. */
export async function createApiKey(
  client: pg.Client | pg.Pool,
  name: string,
  scopes: ("READ" | "BOOK")[] = ["READ", "BOOK"],
  key: NewApiKey = newApiKey(),
): Promise<string> {
  await client.query(`INSERT INTO "ApiKey" (id, name, prefix, hash, scopes) VALUES ($1, $2, $3, $4, $5::"ApiScope"[])`, [
    `script-${randomUUID()}`,
    name,
    key.prefix,
    key.hash,
    scopes,
  ]);
  return key.secret;
}
