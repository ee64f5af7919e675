import "server-only";
// Partners' API keys: issued and revoked by organisers (each in the audit log, which never sees the
// secret nor its hash), listed without their hash, and checked on the REST calls that carry one
// (`Authorization: Bearer uo_…`). The secret exists only in the answer to its issue.
import type { ApiScope } from "@prisma/client";
import { fieldErrorsOf } from "@/lib/action-state";
import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/organiser/audit";
import { issueApiKeyInput } from "@/lib/organiser/schemas";
import { hashApiKey, isApiKeyFormat, newApiKey } from "./api-key-format";

/** A refused key. `challenge` is the WWW-Authenticate value (RFC 6750) the answer carries. */
export class ApiKeyError extends AppError {
  constructor(
    code: "api_key.invalid" | "api_key.scope",
    readonly challenge: string,
  ) {
    super(code, code === "api_key.invalid" ? 401 : 403);
    this.name = "ApiKeyError";
  }
}

export interface PartnerKey {
  id: string;
  name: string;
}

export async function issueApiKey(input: { name: string; scopes: readonly ApiScope[]; actorId: string }) {
  const parsed = issueApiKeyInput.safeParse(input);
  if (!parsed.success) throw new AppError("validation.failed", 422, fieldErrorsOf(parsed.error));
  const { name, scopes } = parsed.data;
  const key = newApiKey();
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name, scopes, prefix: key.prefix, hash: key.hash, createdById: input.actorId },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
    });
    await writeAudit(tx, { actorId: input.actorId, action: "api_key.issued", entityType: "ApiKey", entityId: row.id, after: { name, prefix: key.prefix, scopes } });
    return { ...row, secret: key.secret };
  });
}

/** Revokes the key at once. Revoking it again changes nothing (and logs nothing): `revoked` is false. */
export async function revokeApiKey({ id, actorId }: { id: string; actorId: string }): Promise<{ revoked: boolean }> {
  return db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
    if (count === 0) {
      if (!(await tx.apiKey.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("api_key.not_found", 404);
      return { revoked: false };
    }
    await writeAudit(tx, { actorId, action: "api_key.revoked", entityType: "ApiKey", entityId: id, before: { revokedAt: null }, after: { revokedAt: revokedAt.toISOString() } });
    return { revoked: true };
  });
}

/** Every key, the usable ones first, newest first; never the hash. */
export function listApiKeys() {
  return db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}
export type ApiKeyView = Awaited<ReturnType<typeof listApiKeys>>[number];

// lastUsedAt is written at most once a minute per key: a partner's burst of bookings does not turn
// into a write (and a row lock) on the key per request.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The partner whose key the request carries, if it has `scope`. Null without an
 * `Authorization: Bearer …` header (an anonymous call). An unknown, malformed or revoked key →
 * 401 `api_key.invalid`; a key without the scope → 403 `api_key.scope`.
 */
export async function authenticateApiKey(request: Request, scope: ApiScope): Promise<PartnerKey | null> {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (!match) return null;
  const secret = match[1]?.trim() ?? "";
  const invalid = () => new ApiKeyError("api_key.invalid", 'Bearer error="invalid_token"');
  if (!isApiKeyFormat(secret)) throw invalid();
  // Read on a pool connection, not through Prisma: it runs on every partner call (a booking
  // included), and a Prisma model call costs about 1 ms of CPU, a pg query a fraction of that.
  const {
    rows: [key],
  } = await pool.query<{ id: string; name: string; scopes: ApiScope[]; lastUsedAt: Date | null; revokedAt: Date | null }>(
    `SELECT id, name, scopes::text[] AS scopes, "lastUsedAt", "revokedAt" FROM "ApiKey" WHERE hash = $1`,
    [hashApiKey(secret)],
  );
  if (!key || key.revokedAt) throw invalid();
  if (!key.scopes.includes(scope)) throw new ApiKeyError("api_key.scope", `Bearer error="insufficient_scope", scope="${scope}"`);
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    // Conditional, so concurrent first uses write once.
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_PRECISION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return { id: key.id, name: key.name };
}
