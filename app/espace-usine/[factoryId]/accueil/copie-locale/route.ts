import { apiHandler } from "@/lib/api/http";
import { requireFactoryAccess } from "@/lib/auth/policy";
import { doorSnapshot } from "@/lib/factory/door-offline";

type Context = { params: Promise<{ factoryId: string }> };

// GET — the day's copy the door desk keeps on its device (docs/decisions/0018-offline-door.md).
// Only the factory's contacts and organisers; never stored by a browser or proxy cache.
export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const { factoryId } = await params;
  const user = await requireFactoryAccess(factoryId);
  return Response.json(await doorSnapshot(user, factoryId), { headers: { "Cache-Control": "no-store" } });
});
