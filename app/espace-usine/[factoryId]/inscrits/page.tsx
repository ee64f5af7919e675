import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SelectFilter } from "@/components/form/Field";
import { ColumnHeaders } from "@/components/ui/ColumnHeaders";
import { PrintButton } from "@/components/ui/PrintButton";
import { Section } from "@/components/ui/Section";
import { linkClass, outlineButtonClass } from "@/components/ui/styles";
import { listAttendees, type AttendeeRow, type AttendeeTotals } from "@/lib/factory/attendees";
import { attendeesFilter } from "@/lib/factory/slot-schemas";
import { parisDay } from "@/lib/paris-time";
import { pageFactoryUser } from "@/lib/auth/pages";
import { FactoryNav } from "../FactoryNav";
import { getFactoryFormatters } from "../format";

type Props = { params: Promise<{ factoryId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.attendees"))("title"), robots: { index: false } };
}

const selectClass = "min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2";
const cell = "border-b border-slate-200 px-2 py-2 align-top print:px-1 print:py-1";

export default async function AttendeesPage({ params, searchParams }: Props) {
  const [{ factoryId }, query] = await Promise.all([params, searchParams]);
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}/inscrits`);
  // A malformed filter shows everything rather than an error page.
  const parsed = attendeesFilter.safeParse({ slot: query.slot, day: query.day });
  const filter = parsed.success ? parsed.data : {};
  const [list, t, tf, f] = await Promise.all([
    listAttendees(user, factoryId, filter),
    getTranslations("factory.attendees"),
    getTranslations("factory"),
    getFactoryFormatters(),
  ]);
  if (!list) notFound();
  const search = new URLSearchParams(Object.entries(list.filter).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  const suffix = search ? `?${search}` : "";
  const exportBase = `/api/v1/factories/${list.factory.id}/bookings`;

  const totalsText = (totals: AttendeeTotals) =>
    [
      `${t("confirmedSeats", { count: totals.confirmedSeats })}${totals.students > 0 ? ` (${t("students", { students: totals.students, adults: totals.adults })})` : ""}`,
      t("waitlistedSeats", { count: totals.waitlistedSeats }),
      t("checkedIn", { count: totals.checkedInPeople }),
    ].join(" · ");

  const statusText = (row: AttendeeRow) =>
    row.status === "WAITLISTED" ? t("statusValue.WAITLISTED", { position: row.waitlistPosition ?? 0 }) : t(`statusValue.${row.status}`);

  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={list.factory.id} current="attendees" siteName={list.factory.siteName} />
      <h1 className="text-3xl font-bold">
        {t("title")} — {list.factory.siteName}
      </h1>

      <form method="get" className="no-print flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        <SelectFilter
          id="filter-slot"
          name="slot"
          label={t("slot")}
          defaultValue={list.filter.slot}
          emptyLabel={t("allSlots")}
          options={list.options.slots.map((s) => ({
            value: s.id,
            label: `${f.shortDay(s.startsAt)} ${f.clock(s.startsAt)}${s.status === "CANCELLED" ? ` (${t("slotCancelled")})` : ""}`,
          }))}
          className={selectClass}
        />
        <SelectFilter id="filter-day" name="day" label={t("day")} defaultValue={list.filter.day} emptyLabel={t("allDays")} options={list.options.days.map((day) => ({ value: day, label: f.day(day) }))} className={selectClass} />
        <button type="submit" className={outlineButtonClass}>
          {t("apply")}
        </button>
      </form>

      <div className="no-print flex flex-wrap items-center gap-4">
        <PrintButton label={t("print")} />
        {/* The workbook first: recommended (see lib/factory/export.ts). */}
        <a href={`${exportBase}.xlsx${suffix}`} className={linkClass} download>
          {t("xlsx")}
        </a>
        <a href={`${exportBase}.csv${suffix}`} className={linkClass} download>
          {t("csv")}
        </a>
        <p className="basis-full text-sm text-slate-700">{t("exportHint")}</p>
      </div>

      <Section id="totals" title={t("totals")} titleClassName="font-semibold" className="rounded-xl bg-brand-50 p-4 print:bg-white print:p-0">
        <p>{totalsText(list.totals)}</p>
      </Section>

      {list.slots.length === 0 && <p>{t("noSlots")}</p>}
      {list.slots.map((slot) => {
        const when = `${f.day(parisDay(slot.startsAt), false)}, ${f.timeRange(slot.startsAt, slot.endsAt)}`;
        return (
          <section key={slot.id} aria-labelledby={`slot-${slot.id}`} className="flex flex-col gap-2 print:break-inside-avoid-page">
            <h2 id={`slot-${slot.id}`} className="text-xl font-semibold first-letter:uppercase">
              {when} — {tf(`format.${slot.format}`)}
              {slot.status === "CANCELLED" && <span className="ml-2 rounded-full bg-slate-200 px-2.5 py-0.5 text-sm font-semibold">{t("slotCancelled")}</span>}
            </h2>
            <p className="text-slate-700">{totalsText(slot.totals)}</p>
            {slot.bookings.length === 0 ? (
              <p>{t("empty")}</p>
            ) : (
              <div role="region" aria-label={t("tableLabel", { when })} tabIndex={0} className="overflow-x-auto print:overflow-visible">
                <table className="w-full min-w-[56rem] border-collapse text-left text-sm print:min-w-0 print:text-xs">
                  <ColumnHeaders
                    rowClassName="bg-slate-100 print:bg-white"
                    cellClassName={`${cell} font-semibold`}
                    columns={(["status", "name", "seats", "people", "school", "contact", "code", "present"] as const).map((col) => ({ key: col, label: t(`columns.${col}`) }))}
                  />
                  <tbody>
                    {slot.bookings.map((b) => (
                      <tr key={b.id} className={b.status === "WAITLISTED" ? "text-slate-600" : undefined}>
                        <td className={cell}>{statusText(b)}</td>
                        <th scope="row" className={`${cell} font-medium`}>
                          {b.contactName}
                          <span className="block text-xs font-normal text-slate-600">{b.kind === "GROUP" ? t("group") : t("individual")}</span>
                          {b.circuitName && <span className="block text-xs font-normal text-slate-600">{t("circuit", { name: b.circuitName })}</span>}
                          {b.participantNames && (
                            <span className="block text-xs font-normal text-slate-600">{t("participants", { names: b.participantNames })}</span>
                          )}
                        </th>
                        <td className={`${cell} tabular-nums`}>{b.seats}</td>
                        <td className={cell}>
                          {b.kind === "GROUP"
                            ? t(b.organisationType ? "organisationPeople" : "groupPeople", { students: b.students ?? 0, adults: b.adults ?? 0 })
                            : t("individualPeople", { adults: b.seats - (b.minors ?? 0), minors: b.minors ?? 0 })}
                        </td>
                        <td className={cell}>
                          {b.organisationName && (
                            <>
                              {b.organisationName}
                              <span className="block text-xs text-slate-600">
                                {b.organisationType ? t(`organisationType.${b.organisationType}`) : null}
                                {b.siret ? ` · ${t("siret", { siret: b.siret })}` : b.rna ? ` · ${t("rna", { rna: b.rna })}` : null}
                              </span>
                            </>
                          )}
                          {b.schoolName && (
                            <>
                              {b.schoolName}
                              <span className="block text-xs text-slate-600">
                                {b.schoolUai ? t("uai", { uai: b.schoolUai }) : null}
                                {b.classLevel ? ` · ${b.classLevel}` : null}
                              </span>
                            </>
                          )}
                        </td>
                        <td className={`${cell} break-all`}>
                          <a href={`mailto:${b.email}`} className="text-brand-700 underline underline-offset-2 print:no-underline">
                            {b.email}
                          </a>
                          {b.phone && (
                            <a href={`tel:${b.phone.replace(/[^+0-9]/g, "")}`} className="block text-brand-700 underline underline-offset-2 print:text-black print:no-underline">
                              {b.phone}
                            </a>
                          )}
                        </td>
                        <td className={`${cell} font-mono`}>{b.ticketCode}</td>
                        <td className={`${cell} tabular-nums`}>
                          {b.status === "CHECKED_IN" ? (
                            <>
                              {b.checkedInCount}
                              {b.checkedInAt && <span className="block text-xs text-slate-600">{f.clock(b.checkedInAt)}</span>}
                            </>
                          ) : (
                            // An empty box to tick on the printed list.
                            <span aria-hidden="true" className="hidden size-5 border border-slate-500 print:inline-block" />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
