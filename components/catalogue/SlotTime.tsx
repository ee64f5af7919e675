import { getCatalogueFormatters } from "./formatters";

/** "ven. 19 mars, 10 h 30 – 12 h 00" (Paris time), machine-readable through <time dateTime>. */
export async function SlotTime({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }) {
  const { slotTime } = await getCatalogueFormatters();
  return <time dateTime={startsAt.toISOString()}>{slotTime(startsAt, endsAt)}</time>;
}
