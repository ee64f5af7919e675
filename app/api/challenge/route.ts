import { apiHandler } from "@/lib/api/http";
import { createChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { consumeRateLimits } from "@/lib/rate-limit";

// GET /api/challenge — a fresh proof-of-work challenge for the ALTCHA widget of the public forms
// (components/form/ProofOfWork.tsx), or for an API client that books without a key. Never cached:
// each is solved and accepted once.
export const GET = apiHandler(async (request: Request) => {
  await consumeRateLimits([["challengePerIp", clientAddress(request.headers)]]);
  return Response.json(await createChallenge(), { headers: { "Cache-Control": "no-store" } });
});
