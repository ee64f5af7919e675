import QRCode from "qrcode";
import { ticketUrl } from "@/lib/email/templates/common";

// A QR code as inline SVG (no image request, sharp when printed).
async function Qr({ text, label }: { text: string; label: string }) {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return <div role="img" aria-label={label} className="size-56 max-w-full bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />;
}

// A visit ticket's QR code encodes the ticket's URL: a phone camera opens the ticket page, and the
// door check-in reads the token from it.
export async function TicketQr({ ticketToken, label }: { ticketToken: string; label: string }) {
  return <Qr text={ticketUrl(ticketToken)} label={label} />;
}

// A circuit ticket's QR code encodes its code alone: the guide's and every stop's door desk read a
// code (lib/circuit/departure, lib/factory/checkin), and the code opens nothing by itself.
export async function TicketCodeQr({ code, label }: { code: string; label: string }) {
  return <Qr text={code} label={label} />;
}
