import { apiHandler, assertAllowedOrigin } from "@/lib/api/http";
import { requireOrganiser } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { requestLocale } from "@/lib/factory/export";
import { exportResponse, organiserExport, parseExportRequest } from "@/lib/organiser/exports";

type Context = { params: Promise<{ kind: string }> };

// GET /organisation/exports/{factories|slots|bookings}?format=csv|xlsx[&edition=<id>] — an edition's
// export, without personal data. Organisers only.
export const GET = apiHandler(async (request: Request, { params }: Context) => {
  const user = await requireOrganiser();
  const { kind } = await params;
  const query = new URL(request.url).searchParams;
  // Contact details are only given to the logged POST form below, never to a plain link.
  if (query.has("contacts")) throw new AppError("export.contacts_post_only", 405);
  const input = parseExportRequest({ kind, format: query.get("format") ?? undefined, edition: query.get("edition") ?? undefined });
  return exportResponse(await organiserExport(user, input, requestLocale(request)));
});

// POST /organisation/exports/bookings (form: format, contacts=1, reason[, edition]) — the bookings
// export WITH the contacts' names and e-mail addresses: an explicit choice, written to the audit log.
// A form post (not a link) so that another site cannot trigger it with the organiser's cookies.
export const POST = apiHandler(async (request: Request, { params }: Context) => {
  const user = await requireOrganiser();
  assertAllowedOrigin(request);
  const { kind } = await params;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("request.invalid_form", 400);
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const input = parseExportRequest({
    kind,
    format: text("format"),
    edition: text("edition"),
    contacts: text("contacts") === "1",
    reason: text("reason"),
  });
  return exportResponse(await organiserExport(user, input, requestLocale(request)));
});
