import { apiHandler } from "@/lib/api/http";
import { bookingError } from "@/lib/booking/errors";
import { getDrawRecord } from "@/lib/draw/queries";

// The published record of a draw, as `npm run draw:verify` reads it; 404 until the draw has run
// (the seed is secret until then). Read-only and the same for everyone: no session, no Origin check.
export const GET = apiHandler(async (_request: Request, { params }: { params: Promise<{ drawId: string }> }) => {
  const { drawId } = await params;
  const record = await getDrawRecord(drawId);
  if (!record) throw bookingError("draw.not_found");
  return Response.json(record, {
    headers: {
      "Content-Disposition": `attachment; filename="tirage-${drawId}.json"`,
      // Fixed once drawn.
      "Cache-Control": "public, max-age=3600",
    },
  });
});
