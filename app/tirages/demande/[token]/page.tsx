import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDrawApplication } from "@/lib/draw/queries";
import { MAX_WISHES } from "@/lib/draw/schemas";
import { formatDateTime } from "@/lib/i18n/format";
import { drawOfferLabeller } from "../../offer-label";
import { ChangeWishesForm, WithdrawForm } from "./ApplicationForms";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ nouvelle?: string; fait?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("draws.public.mine"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// An application from its private link: the wishes (changeable, or withdrawn, until the close), then
// its place in the draw order and what it got.
export default async function DrawApplicationPage({ params, searchParams }: Props) {
  const [{ token }, { nouvelle, fait }] = await Promise.all([params, searchParams]);
  const [application, t, tp, locale, offerLabel] = await Promise.all([
    getDrawApplication(token),
    getTranslations("draws.public.mine"),
    getTranslations("draws.public"),
    getLocale(),
    drawOfferLabeller(),
  ]);
  if (!application) notFound();
  const offers = new Map(application.offers.map((offer) => [offer.id, offer]));
  const label = (offerId: string) => {
    const offer = offers.get(offerId);
    return offer ? offerLabel(offer) : offerId;
  };
  const notice = nouvelle ? t("created") : fait === "modifie" ? t("changed") : null;
  const { outcome } = application;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {notice && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {notice}
        </p>
      )}
      <p className="text-lg font-semibold">{application.drawName}</p>
      <p>{t("who", { name: application.contactName, email: application.email, seats: application.seats, pseudonym: application.id })}</p>
      <ol className="flex list-decimal flex-col gap-1 pl-6">
        {application.wishes.map((offerId) => (
          <li key={offerId}>{label(offerId)}</li>
        ))}
      </ol>
      {outcome ? (
        <p role="status" className="rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950">
          {outcome.obtained ? t("won", { position: outcome.position, of: outcome.of, rank: outcome.obtained.rank }) : t("lost", { position: outcome.position, of: outcome.of })}
        </p>
      ) : application.phase === "closed" ? (
        <p className="rounded-md bg-amber-50 p-4">{t("awaiting")}</p>
      ) : null}
      {application.phase === "open" && (
        <>
          <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">{t("closes", { date: formatDateTime(application.wishesCloseAt, locale) })}</p>
          <section aria-labelledby="modifier" className="flex flex-col gap-3 rounded-xl border border-slate-200 p-5">
            <h2 id="modifier" className="text-xl font-semibold">
              {t("change")}
            </h2>
            <ChangeWishesForm
              token={token}
              current={application.wishes}
              submit={t("change")}
              wishes={{
                legend: tp("wishLegend"),
                labels: Array.from({ length: MAX_WISHES }, (_, i) => tp("wish", { rank: i + 1 })),
                choose: tp("wishChoose"),
                none: tp("wishNone"),
                options: application.offers.map((offer) => ({ id: offer.id, label: offerLabel(offer) })),
              }}
            />
          </section>
          <section className="rounded-xl border border-red-200 p-5">
            <WithdrawForm token={token} title={t("withdraw")} hint={t("withdrawHint")} submit={t("withdraw")} />
          </section>
        </>
      )}
      <p>
        <Link prefetch={false} href={`/tirages/${application.drawId}`} className="font-semibold text-brand-700 underline underline-offset-4">
          {t("seeDraw")}
        </Link>
      </p>
    </div>
  );
}
