import { z } from "zod";
import { apiHandler, assertAllowedOrigin, readJson } from "@/lib/api/http";
import { now, setTestClock, testClockEnabled } from "@/lib/clock";
import { AppError } from "@/lib/errors";

const body = z.object({ iso: z.iso.datetime({ offset: true }).nullable() });

// POST /dev/horloge {"iso": "2027-03-01T09:00:00+01:00"} moves the app's clock (null: real time
// again). Only in a process started with TEST_CLOCK=1 (the browser tests' server): 404 otherwise.
export const POST = apiHandler(async (request: Request) => {
  if (!testClockEnabled()) return new Response("Not found", { status: 404 });
  assertAllowedOrigin(request);
  const parsed = body.safeParse(await readJson(request));
  if (!parsed.success) throw new AppError("request.invalid", 400);
  setTestClock(parsed.data.iso === null ? null : new Date(parsed.data.iso));
  return Response.json({ now: now().toISOString() });
});
