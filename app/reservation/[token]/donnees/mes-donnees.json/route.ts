import { isAppError } from "@/lib/errors";
import { exportBookingData } from "@/lib/privacy";

// "Download my data": everything stored for this booking, as a JSON attachment. The link is the
// booking's private link (the manage token proves who asks); nothing is cached anywhere.
export async function GET(_: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const data = await exportBookingData(token);
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="mes-donnees-${data.booking.ticketCode}.json"`,
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "booking.not_found") return new Response("Not found", { status: 404 });
    throw error;
  }
}
