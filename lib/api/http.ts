import "server-only";
import type { ApiScope } from "@prisma/client";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n/messages";
import { AppError, isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/client-address";
import { clientHas, etagOf } from "@/lib/http/etag";
import { isDatabaseUnavailable } from "@/lib/db-retry";
import { ApiKeyError, authenticateApiKey, type PartnerKey } from "@/lib/partners/api-keys";
import { consumeRateLimits, RateLimitError } from "@/lib/rate-limit";

// REST API v1 plumbing: every handler runs inside `apiHandler`, which turns expected errors into
// `{ error: { code, message, fields } }` with their status, and never lets bad input become a 500.

function localeOf(request: Request): "fr" | "en" {
  return request.headers.get("accept-language")?.toLowerCase().startsWith("en") ? "en" : "fr";
}

async function errorResponse(request: Request, error: AppError, headers: HeadersInit = {}) {
  const [t, common] = await Promise.all([translator(localeOf(request), "booking.errors"), translator(localeOf(request), "common.errors")]);
  const message =
    error instanceof RateLimitError
      ? common("rateLimited", { minutes: error.retryAfterMinutes })
      : t.has(error.code)
        ? t(error.code, { ratio: "", ...error.params })
        : common.has(error.code)
          ? common(error.code, error.params)
          : error.code;
  return Response.json({ error: { code: error.code, message, fields: error.fields } }, { status: error.status, headers });
}

export function apiHandler<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof RateLimitError) return errorResponse(request, error, { "Retry-After": String(error.retryAfterSeconds) });
      if (error instanceof ApiKeyError) return errorResponse(request, error, { "WWW-Authenticate": error.challenge });
      if (isAppError(error)) return errorResponse(request, error);
      // A database that is down or restarting answers 503 (clients retry), not a generic 500.
      if (isDatabaseUnavailable(error)) {
        return Response.json({ error: { code: "unavailable", message: "Service temporarily unavailable", fields: {} } }, { status: 503, headers: { "Retry-After": "5" } });
      }
      console.error(error);
      return Response.json({ error: { code: "internal", message: "Unexpected error", fields: {} } }, { status: 500 });
    }
  };
}

/**
 * A JSON answer that clients and caches can revalidate: a strong ETag of the body, 304 when the
 * client already has it. `no-cache`: seat counts change with every booking, so a copy is reused only
 * after asking (the answer is then a few bytes).
 */
export function revalidatableJson(request: Request, body: unknown): Response {
  const json = JSON.stringify(body);
  const etag = etagOf(json);
  const headers = { ETag: etag, "Cache-Control": "public, no-cache", Vary: "Accept-Encoding" };
  if (clientHas(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(json, { headers: { ...headers, "Content-Type": "application/json" } });
}

// Next does not reject cross-site requests to route handlers: a mutation coming from a browser on
// another origin is refused here. Requests without Origin (server-to-server clients) are allowed.
export function assertAllowedOrigin(request: Request) {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const allowed = [new URL(env.APP_URL).origin, ...env.SERVER_ACTIONS_ALLOWED_ORIGINS];
  const host = request.headers.get("host");
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    throw new AppError("origin.forbidden", 403);
  }
  if (!allowed.includes(originUrl.origin) && originUrl.host !== host) throw new AppError("origin.forbidden", 403);
}

export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("request.json_required", 415);
  try {
    return await request.json();
  } catch {
    throw new AppError("request.invalid_json", 400);
  }
}

type Checks = Parameters<typeof consumeRateLimits>[0];

/**
 * Spends the request's rate limits. With a `scope`, a partner's API key in the request
 * (`Authorization: Bearer …`) is checked and returned, and the request is limited per key
 * (`apiPerKey` and `perKey`) instead of per client address; without a key, or without a `scope`,
 * per address (`apiPerIp` and `perIp`), as for anyone.
 */
export async function limitApi(
  request: Request,
  { scope, perIp = [], perKey = () => [] }: { scope?: ApiScope; perIp?: Checks; perKey?: (keyId: string) => Checks } = {},
): Promise<PartnerKey | null> {
  const address = clientAddress(request.headers);
  let key: PartnerKey | null = null;
  try {
    if (scope) key = await authenticateApiKey(request, scope);
  } catch (error) {
    // A refused key costs its address like an anonymous call: keys cannot be tried for free.
    await consumeRateLimits([["apiPerIp", address]]);
    throw error;
  }
  await consumeRateLimits(key ? [["apiPerKey", key.id], ...perKey(key.id)] : [["apiPerIp", address], ...perIp]);
  return key;
}

