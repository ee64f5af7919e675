import { unsubscribeAlerts } from "@/lib/alerts";
import { apiHandler } from "@/lib/api/http";

type Context = { params: Promise<{ token: string }> };

// The List-Unsubscribe link of every alert e-mail (RFC 8058).
// POST unsubscribes. No Origin check on purpose: mail providers send the one-click POST
// ("List-Unsubscribe=One-Click") from their own servers or pages, cross-site; the secret token in the
// URL is the authorisation. Idempotent, and the same answer for an unknown or used token: it reveals
// nothing. The one-click POST gets 200; the page's button (a plain form, for people) is sent on to
// the "done" page.
export const POST = apiHandler(async (request: Request, { params }: Context) => {
  await unsubscribeAlerts((await params).token);
  const body = await request.text().catch(() => "");
  if (new URLSearchParams(body).get("List-Unsubscribe") === "One-Click") return new Response(null, { status: 200 });
  return new Response(null, { status: 303, headers: { Location: "/alertes/desabonne" } });
});

// A person opening the link: a page with a button, since mail scanners fetch links (GET changes nothing).
export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const token = encodeURIComponent((await params).token);
  return new Response(null, { status: 303, headers: { Location: `/alertes/desabonnement/${token}/confirmer` } });
});
