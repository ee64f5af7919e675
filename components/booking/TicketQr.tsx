import QRCode from "qrcode";
import { ticketUrl } from "@/lib/email/templates/common";

// The ticket's QR code as inline SVG (no image request, sharp when printed). It encodes the ticket's
// URL: a phone camera opens the ticket page, and the door check-in reads the token from it.
export async function TicketQr({ ticketToken, label }: { ticketToken: string; label: string }) {
  const svg = await QRCode.toString(ticketUrl(ticketToken), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return <div role="img" aria-label={label} className="size-56 max-w-full bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />;
}
