import QRCode from "qrcode";

// The ticket's QR code as inline SVG (no image request, sharp when printed). It encodes only the
// ticket token, which the door check-in looks up by its hash.
export async function TicketQr({ ticketToken, label }: { ticketToken: string; label: string }) {
  const svg = await QRCode.toString(ticketToken, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return <div role="img" aria-label={label} className="size-56 max-w-full bg-white p-2" dangerouslySetInnerHTML={{ __html: svg }} />;
}
