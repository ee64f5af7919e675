import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { drawPhaseText } from "./DrawPhaseLine";

// In place of a visit's or a circuit's booking form while a draw allocates it: where the draw
// stands, and the way to its page.
export async function DrawBanner({ draw, offer }: { draw: { id: string } & Parameters<typeof drawPhaseText>[0]; offer: "visit" | "circuit" }) {
  const t = await getTranslations("draws.public");
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-sky-300 bg-sky-50 p-5 text-sky-950">
      <p className="font-semibold">{t(offer === "visit" ? "inDraw" : "circuitInDraw", { phase: await drawPhaseText(draw) })}</p>
      <Link prefetch={false} href={`/tirages/${draw.id}`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
        {t("inDrawLink")}
      </Link>
    </div>
  );
}
