import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/form/FormMessage";
import { EditionPicker } from "@/components/organiser/EditionPicker";
import { FactList } from "@/components/ui/FactList";
import { ResultList } from "@/components/ui/ResultList";
import { linkClass, noticeClass } from "@/components/ui/styles";
import { pageOrganiser } from "@/lib/auth/pages";
import { departmentName } from "@/lib/geo/regions";
import { formatNumber, formatVisitTime } from "@/lib/i18n/format";
import { isOver, organiserEdition } from "@/lib/organiser/editions";
import { editionViewInput } from "@/lib/organiser/schemas";
import { listTransportRequests, transportFigures, type TransportRequestRow } from "@/lib/transport/queries";
import { AdminPage } from "../edition/AdminNav";
import { DecisionForms } from "./DecisionForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organiserAdmin.transports"))("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_BADGE: Record<TransportRequestRow["status"], string> = {
  REQUESTED: "bg-blue-100 text-blue-900",
  ACCEPTED: "bg-green-100 text-green-900",
  REFUSED: "bg-red-100 text-red-900",
  CANCELLED: "bg-slate-200 text-slate-900",
};
const OUTCOMES = ["ACCEPTED", "REFUSED"] as const;

// The coach requests of an edition, the current one unless `?edition=` (lib/transport): the budget
// and what accepted coaches cost, then every request, waiting ones first, each with its decisions
// (none for a past edition: it is a record).
export default async function TransportsPage({ searchParams }: Props) {
  await pageOrganiser("/organisation/transports");
  const params = await searchParams;
  const { edition: slug } = editionViewInput.parse(params);
  const [t, locale, edition] = await Promise.all([getTranslations("organiserAdmin.transports"), getLocale(), organiserEdition(slug)]);
  if (!edition) {
    return (
      <AdminPage current="transports" title={t("title")}>
        <p className={noticeClass}>{(await getTranslations("organiserAdmin"))("noEdition")}</p>
      </AdminPage>
    );
  }
  const [figures, requests] = await Promise.all([transportFigures(edition.id), listTransportRequests(edition.id)]);
  const euros = (value: number) => t("euros", { amount: formatNumber(value, locale) });
  const outcome = OUTCOMES.find((o) => o === params.fait);
  const over = isOver(edition);
  // The distance is honest about what it is: between the departments' centres, as the crow flies.
  const distance = (row: TransportRequestRow) =>
    row.departureDepartment === row.booking.slot.factory.departmentCode
      ? t("sameDepartment")
      : row.distanceKm === null
        ? t("distanceUnknown")
        : t("distance", { km: formatNumber(row.distanceKm, locale) });
  const place = (commune: string, department: string) => `${commune} (${departmentName(department) ?? department})`;

  return (
    <AdminPage current="transports" title={t("title")} intro={t("intro")} spacing="gap-6">
      <EditionPicker current={edition} />
      <FormMessage tone="success" message={outcome ? t(`done.${outcome}`) : undefined} reserveSpace={false} />
      {figures.budget === 0 && !over && (
        <p className={noticeClass}>
          {t("noBudget")}{" "}
          <Link href="/organisation/edition" className={linkClass}>
            {t("setBudget")}
          </Link>
        </p>
      )}
      <FactList
        className="grid max-w-md grid-cols-[auto_auto] gap-x-6 gap-y-1 rounded-lg border border-slate-200 p-4"
        termClassName="text-slate-700"
        valueClassName="text-right font-semibold tabular-nums text-brand-900"
        facts={[
          [t("budget"), euros(figures.budget)],
          [t("spent"), euros(figures.spent)],
          [t("left"), euros(Math.max(0, figures.budget - figures.spent))],
          [t("waiting"), formatNumber(figures.waiting, locale)],
        ]}
      />
      <ResultList count={t("results", { count: requests.length })} empty={requests.length === 0 ? t("empty") : null}>
        {requests.map((row) => {
          const { booking } = row;
          const school = `${booking.schoolName ?? ""} — ${booking.classLevel ?? ""}`;
          return (
            <li key={row.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-xl font-semibold">{school}</h2>
                <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_BADGE[row.status]}`}>{t(`status.${row.status}`)}</span>
              </div>
              <FactList
                inline
                className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2"
                facts={[
                  [t("facts.visit"), `${booking.slot.factory.siteName}, ${place(booking.slot.factory.communeName, booking.slot.factory.departmentCode)} · ${formatVisitTime(booking.slot.startsAt, booking.slot.endsAt, locale)}`],
                  [t("facts.departure"), place(row.departureCommuneName, row.departureDepartment)],
                  [t("facts.distance"), distance(row)],
                  [t("facts.pupils"), t("pupilsOf", { pupils: row.pupils, students: booking.students ?? row.pupils })],
                  [t("facts.teacher"), booking.contactName],
                  row.costEuros !== null && [t("facts.cost"), euros(row.costEuros)],
                  row.refusalReason !== null && [t("facts.reason"), row.refusalReason],
                ]}
              />
              {row.status === "REQUESTED" &&
                !over &&
                (booking.status === "CONFIRMED" ? <DecisionForms requestId={row.id} school={school} /> : <p className={noticeClass}>{t("classWaitlisted")}</p>)}
            </li>
          );
        })}
      </ResultList>
    </AdminPage>
  );
}
