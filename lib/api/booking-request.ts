import type { z } from "zod";
import { assertAllowedOrigin, limitApi, readJson } from "@/lib/api/http";
import { currentUser } from "@/lib/auth/session";
import { parseInput } from "@/lib/booking/errors";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";

/**
 * What POST /api/v1/bookings and POST /api/v1/circuit-bookings share before booking: the origin, the
 * JSON body with the Idempotency-Key header (or the body's idempotencyKey), the input schema, the
 * booking limits (per client address and e-mail; per key for a partner's key with the BOOK scope),
 * the proof of work of an anonymous caller (the body's `altcha`, which the schemas ignore), and who
 * is signed in.
 */
export async function readBookingRequest<S extends z.ZodType<{ email: string }>>(request: Request, schema: S): Promise<{ input: z.output<S>; userId?: string }> {
  assertAllowedOrigin(request);
  const body = await readJson(request);
  const key = request.headers.get("idempotency-key");
  const input = parseInput(schema, typeof body === "object" && body && key ? { ...body, idempotencyKey: key } : body);
  const partner = await limitApi(request, {
    scope: "BOOK",
    perIp: [
      ["bookingPerIp", clientAddress(request.headers)],
      ["bookingPerEmail", input.email],
    ],
    perKey: (keyId) => [
      ["bookingPerKey", keyId],
      ["bookingPerEmail", input.email],
    ],
  });
  if (!partner) await verifyChallenge((body as { altcha?: unknown }).altcha);
  const user = await currentUser();
  return { input, userId: user?.id };
}
