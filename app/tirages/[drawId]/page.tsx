import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { getPublicDraw, type DrawOfferView, type PublicDraw } from "@/lib/draw/queries";
import { MAX_WISHES } from "@/lib/draw/schemas";
import { formatVisitTime } from "@/lib/i18n/format";
import { publicMetadata } from "@/lib/seo/site";
import { BookingForm } from "../../visites/[slotId]/reserver/BookingForm";
import { DrawPhaseLine, drawPhaseText } from "../DrawPhaseLine";
import { drawOfferLabeller } from "../offer-label";
import { applyToDrawAction } from "./actions";

type Props = { params: Promise<{ drawId: string }>; searchParams?: Promise<{ fait?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { drawId } = await params;
  const [draw, t] = await Promise.all([getPublicDraw(drawId), getTranslations("draws.public")]);
  if (!draw) return {};
  return publicMetadata({ path: `/tirages/${draw.id}`, title: t("pageTitle", { name: draw.name }), description: t("pageDescription") });
}

const codeClass = "break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm";

// Who may apply: individuals if an offer takes the public, classes if one takes schools.
function kindsOf(offers: DrawOfferView[]): ("INDIVIDUAL" | "GROUP")[] {
  const kinds: ("INDIVIDUAL" | "GROUP")[] = [];
  if (offers.some((offer) => offer.audience !== "SCHOOL")) kinds.push("INDIVIDUAL");
  if (offers.some((offer) => offer.audience !== "PUBLIC")) kinds.push("GROUP");
  return kinds;
}

// A draw: its rules, its visits and circuits, the commitment to its seed; the wish form while it is open; once
// drawn, the seed, the order under pseudonyms, the result and how to check it.
export default async function DrawPage({ params, searchParams }: Props) {
  const [{ drawId }, { fait } = {}] = await Promise.all([params, searchParams]);
  const [draw, t, locale, user, offerLabel] = await Promise.all([getPublicDraw(drawId), getTranslations("draws.public"), getLocale(), currentUser(), drawOfferLabeller()]);
  if (!draw) notFound();
  const individualOffers = draw.offers.filter((offer) => offer.audience !== "SCHOOL");
  const maxSeats = Math.min(...individualOffers.map((offer) => offer.maxSeatsPerBooking), 10);

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("trail")}>
        <Link prefetch={false} href="/tirages" className="text-brand-700 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("back")}
        </Link>
      </nav>
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{draw.name}</h1>
        <DrawPhaseLine draw={draw} />
        {draw.description && <p className="max-w-3xl whitespace-pre-line">{draw.description}</p>}
      </div>
      {fait === "retire" && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {t("mine.withdrawn")}
        </p>
      )}

      <section aria-labelledby="visites" className="flex flex-col gap-3">
        <h2 id="visites" className="text-2xl font-semibold">
          {t(draw.offers.some((offer) => offer.circuit) ? "offersTitleWithCircuits" : "offersTitle")}
        </h2>
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {draw.offers.map((offer) => (
            <li key={offer.id} className="flex flex-col gap-1 rounded-xl border border-slate-300 p-4">
              {offer.circuit ? (
                <>
                  <Link prefetch={false} href={`/circuits/${offer.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                    {t("circuitTitle", { name: offer.circuit.name })}
                  </Link>
                  <span>
                    {t("circuitDeparture", { commune: offer.circuit.departureCommuneName })} · {formatVisitTime(offer.startsAt, offer.endsAt, locale)}
                  </span>
                  <span className="text-sm">{t("circuitStops", { stops: offer.circuit.stops.map((stop) => `${stop.siteName} (${stop.communeName})`).join(", ") })}</span>
                </>
              ) : (
                <>
                  <Link prefetch={false} href={`/usines/${offer.factory.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                    {offer.factory.companyName} – {offer.factory.siteName}
                  </Link>
                  <span>
                    {offer.factory.communeName} · {formatVisitTime(offer.startsAt, offer.endsAt, locale)}
                  </span>
                </>
              )}
              <span className="text-sm text-slate-700">{t("offerSeats", { public: offer.seats.PUBLIC, school: offer.seats.SCHOOL })}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="regles" className="grid gap-4 rounded-xl bg-brand-50 p-5 md:grid-cols-2">
        <div className="flex flex-col gap-2">
          <h2 id="regles" className="text-xl font-semibold">
            {t("howTitle")}
          </h2>
          <ul className="flex list-disc flex-col gap-1 pl-5">
            {(t.raw("how") as string[]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <h2 className="text-xl font-semibold">{t("commitmentTitle")}</h2>
          <p>{draw.result ? t("commitmentRevealed") : t("commitment")}</p>
          <p className="flex flex-col gap-1">
            <span className="font-medium">{t("commitmentLabel")}</span>
            <code className={codeClass}>{draw.commitment}</code>
          </p>
        </div>
      </section>

      {draw.phase === "open" ? (
        <section aria-labelledby="voeux" className="flex flex-col gap-3">
          <h2 id="voeux" className="text-2xl font-semibold">
            {t("formTitle")}
          </h2>
          <p>{t("formIntro")}</p>
          <BookingForm
            action={applyToDrawAction}
            target={{ name: "drawId", id: draw.id }}
            idempotencyKey={randomUUID()}
            locale={locale}
            kinds={kindsOf(draw.offers)}
            signedIn={Boolean(user)}
            signInHref={`/connexion?callbackUrl=${encodeURIComponent(`/tirages/${draw.id}`)}`}
            maxSeats={maxSeats}
            seatsLeft={{ INDIVIDUAL: 1, GROUP: 1 }}
            studentsPerAdult={null}
            retentionDays={draw.dataRetentionDays}
            defaultEmail={user?.email}
            emailHint={t("emailHint")}
            submitLabel={t("submit")}
            wishes={{
              legend: t("wishLegend"),
              labels: Array.from({ length: MAX_WISHES }, (_, i) => t("wish", { rank: i + 1 })),
              choose: t("wishChoose"),
              none: t("wishNone"),
              options: draw.offers.map((offer) => ({ id: offer.id, label: offerLabel(offer) })),
            }}
          />
        </section>
      ) : (
        draw.phase !== "drawn" && <p className="rounded-md bg-amber-50 p-4">{t("notOpen", { phase: await drawPhaseText(draw) })}</p>
      )}

      {draw.result && <DrawResult draw={draw} result={draw.result} offerLabel={offerLabel} />}
    </div>
  );
}

async function DrawResult({ draw, result, offerLabel }: { draw: PublicDraw; result: NonNullable<PublicDraw["result"]>; offerLabel: (offer: DrawOfferView) => string }) {
  const t = await getTranslations("draws.public");
  const offers = new Map(draw.offers.map((offer) => [offer.id, offer]));
  return (
    <section aria-labelledby="resultat" className="flex flex-col gap-3">
      <h2 id="resultat" className="text-2xl font-semibold">
        {t("resultTitle")}
      </h2>
      <p className="max-w-3xl">{t("resultIntro")}</p>
      <dl className="grid gap-2 sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="font-medium">{t("seedLabel")}</dt>
        <dd>
          <code className={codeClass}>{result.seed}</code>
        </dd>
        <dt className="font-medium">{t("commitmentLabel")}</dt>
        <dd>
          <code className={codeClass}>{draw.commitment}</code>
        </dd>
        <dt className="font-medium">{t("algorithmLabel")}</dt>
        <dd>
          <code className={codeClass}>{result.record.algorithm}</code> — {t("algorithm")}
        </dd>
      </dl>
      <p>
        <a href={`/tirages/${draw.id}/resultat.json`} download className="font-semibold text-brand-700 underline underline-offset-4">
          {t("download")}
        </a>
      </p>
      <p>{t("verify")}</p>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-white">
        <code>npm run draw:verify -- tirage-{draw.id}.json</code>
      </pre>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("table.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">{t("table.position")}</th>
              <th scope="col" className="py-2 pr-4">{t("table.pseudonym")}</th>
              <th scope="col" className="py-2 pr-4">{t("table.pool")}</th>
              <th scope="col" className="py-2 pr-4">{t("table.seats")}</th>
              <th scope="col" className="py-2 pr-4">{t("table.result")}</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((line) => {
              const offer = line.obtained ? offers.get(line.obtained.offerId) : undefined;
              return (
                <tr key={line.pseudonym} className="border-b border-slate-200">
                  <td className="py-2 pr-4">{line.position}</td>
                  <td className="py-2 pr-4 font-mono">{line.pseudonym}</td>
                  <td className="py-2 pr-4">{t(`pool.${line.pool}`)}</td>
                  <td className="py-2 pr-4">{line.seats}</td>
                  <td className="py-2 pr-4">{line.obtained && offer ? t("obtained", { rank: line.obtained.rank, site: offerLabel(offer) }) : t("waiting")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
