import { apiHandler } from "@/lib/api/http";
import { requireFactoryAccess } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { attendeeExportResponse } from "@/lib/factory/export";

type Context = { params: Promise<{ factoryId: string }> };

// GET /api/v1/factories/{factoryId}/bookings.csv[?slot=…|?day=YYYY-MM-DD] — the attendee list for
// French Excel. Only the factory's contacts and organisers.
export const GET = apiHandler(async (request: Request, { params }: Context) => {
  const { factoryId } = await params;
  const user = await requireFactoryAccess(factoryId);
  const response = await attendeeExportResponse(user, factoryId, request, "csv");
  if (!response) throw new AppError("factory.not_found", 404);
  return response;
});
