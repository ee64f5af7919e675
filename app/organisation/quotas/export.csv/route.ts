import { apiHandler } from "@/lib/api/http";
import { requireOrganiser } from "@/lib/auth/policy";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { quotaCsv } from "@/lib/organiser/quotas";

// GET /organisation/quotas/export.csv[?edition=<id>] — the quotas of the edition (current by default)
// as dimension;value;label;cap;target, the format the import reads back. Organisers only.
export const GET = apiHandler(async (request: Request) => {
  await requireOrganiser();
  const requested = new URL(request.url).searchParams.get("edition");
  const edition = requested
    ? await db.edition.findUnique({ where: { id: requested }, select: { id: true, slug: true } })
    : await getCurrentEdition();
  if (!edition) throw new AppError("edition.not_found", 404);
  return new Response(await quotaCsv(edition.id), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="quotas-${edition.slug.replace(/[^a-z0-9-]/gi, "")}.csv"`,
      "cache-control": "no-store",
    },
  });
});
