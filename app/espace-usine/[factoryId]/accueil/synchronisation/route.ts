import { apiHandler, assertAllowedOrigin, readJson } from "@/lib/api/http";
import { requireFactoryAccess } from "@/lib/auth/policy";
import { syncDoorEntries } from "@/lib/factory/door-offline";

type Context = { params: Promise<{ factoryId: string }> };

// POST {deviceId, entries} — the check-ins the door desk recorded offline; answers one result per
// entry (docs/decisions/0018-offline-door.md). Only the factory's contacts and organisers.
export const POST = apiHandler(async (request: Request, { params }: Context) => {
  assertAllowedOrigin(request);
  const { factoryId } = await params;
  const user = await requireFactoryAccess(factoryId);
  const body = await readJson(request);
  const results = await syncDoorEntries(user, { ...(typeof body === "object" && body ? body : {}), factoryId });
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
});
