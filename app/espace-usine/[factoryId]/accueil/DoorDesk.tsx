"use client";
import { startTransition, useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, InputField, inputClass } from "@/components/form/Field";
import { HiddenFields } from "@/components/form/HiddenFields";
import { useFormActionState } from "@/components/form/useFormActionState";
import { Section } from "@/components/ui/Section";
import { formValues } from "@/lib/action-state";
import type { DoorState } from "@/lib/factory/checkin";
import { formatTime, formatWeekdayDate } from "@/lib/i18n/format";
import { doorAction } from "./actions";
import { OfflineStatus } from "./OfflineStatus";
import { QrScanner } from "./QrScanner";
import { useOfflineDoor, type OfflineBooking, type OfflineDoorState } from "./useOfflineDoor";

const button = "inline-flex min-h-12 items-center justify-center rounded-md px-5 py-2 font-semibold disabled:opacity-70";
const primary = `${button} bg-brand-700 text-white hover:bg-brand-900`;
const secondary = `${button} border-2 border-brand-700 text-brand-700 hover:bg-brand-50`;
const small = { titleClassName: "text-xl font-semibold", className: "flex flex-col gap-2" };

// The door screen, made for a phone: scan (or type the code, or search by name), see the booking,
// admit the people present in one tap, undo a mistake. Every step is the one server action; without
// network, the same steps are answered from the day's copy on the device (useOfflineDoor).
export function DoorDesk({ factoryId }: { factoryId: string }) {
  const t = useTranslations("factory.door");
  const te = useTranslations("factory.errors");
  const locale = useLocale();
  const [serverState, dispatch, pending] = useFormActionState(doorAction, {} as DoorState);
  const door = useOfflineDoor(factoryId);
  const [local, setLocal] = useState<OfflineDoorState | null>(null);
  const state: OfflineDoorState = local ?? serverState;
  const resultRef = useRef<HTMLHeadingElement>(null);

  // Every form of the desk goes through here: the server action online, the device's copy offline.
  const act = (data: FormData) => {
    if (door.online) {
      setLocal(null);
      dispatch(data);
      return;
    }
    const values = formValues(data);
    void door.act(values.intent ?? "", values).then(setLocal);
  };

  // After each answer, move the focus (and the screen) to it.
  useEffect(() => {
    if (state.booking || state.matches || (state.error && state.error !== "validation.failed")) resultRef.current?.focus();
  }, [state]);

  const send = (fields: Record<string, string>) => {
    const data = new FormData();
    data.set("factoryId", factoryId);
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    startTransition(() => act(data));
  };

  const clock = (date: Date | string) => formatTime(date, locale);
  const longDay = (date: Date | string) => formatWeekdayDate(new Date(date), locale, { year: false });
  const messageOf = (code: string | undefined, params: Record<string, string | number> = {}) => {
    if (!code) return undefined;
    const values = {
      ...params,
      ...(typeof params.startsAt === "string" ? { date: longDay(params.startsAt), time: clock(params.startsAt) } : {}),
      ...(typeof params.at === "string" ? { time: clock(params.at) } : {}),
    };
    return te.has(code) ? te(code, values) : te("generic");
  };
  const message = (code: string | undefined) => messageOf(code, state.params);
  const fieldError = (name: string) => message(state.fieldErrors?.[name]);
  const showFormError = state.error && state.error !== "validation.failed";
  const lookupIntent = state.intent === "lookup" || state.intent === "pick";

  return (
    <div className="flex flex-col gap-6">
      <OfflineStatus door={door} message={messageOf} clock={clock} />
      <Section id="scan-title" title={t("scanTitle")} {...small}>
        <QrScanner onResult={(text) => send({ intent: "lookup", query: text })} />
      </Section>

      <section aria-labelledby="result-title" aria-busy={pending} className="flex flex-col gap-3">
        <h2 id="result-title" ref={resultRef} tabIndex={-1} className="sr-only">
          {t("resultTitle")}
        </h2>
        <div aria-live="polite" className="flex flex-col gap-3">
          {pending && <p className="font-medium">{t("pending")}</p>}
          {state.done && (state.booking || state.done === "recorded") && (
            <p className="rounded-md bg-green-100 px-4 py-3 text-lg font-semibold text-green-900">
              {state.done === "recorded"
                ? t("offline.recorded")
                : state.done === "undone"
                  ? t("undone")
                  : t(state.booking?.pending ? "offline.done" : "done", { count: state.booking?.checkedInCount ?? state.booking?.seats ?? 0 })}
            </p>
          )}
          {showFormError && (
            <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-lg font-semibold text-red-800">
              {message(state.error)}
            </p>
          )}
          {state.unknownTicket && (
            <button type="button" className={`${secondary} self-start`} onClick={() => send({ intent: "record_unknown", query: state.unknownTicket! })}>
              {t("offline.recordUnknown")}
            </button>
          )}
        </div>
        {state.booking && <BookingCard key={`${state.booking.id}-${state.booking.status}`} booking={state.booking} factoryId={factoryId} dispatch={act} pending={pending} clock={clock} longDay={longDay} countError={fieldError("count")} />}
        {state.matches && (
          <div className="flex flex-col gap-2">
            <p className="font-medium">{state.matches.length === 0 ? t("noMatch") : t("matches", { count: state.matches.length })}</p>
            <ul className="flex flex-col gap-2">
              {state.matches.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-300 p-3">
                  <div>
                    <p className="font-semibold">{m.contactName}</p>
                    <p className="text-sm text-slate-700">
                      {m.schoolName ? `${m.schoolName} · ` : ""}
                      {t("seats", { count: m.seats })} · {m.today ? clock(m.slot.startsAt) : `${longDay(m.slot.startsAt)} ${clock(m.slot.startsAt)}`} · {t(`status.${m.status}`)}
                    </p>
                  </div>
                  <button type="button" className={secondary} disabled={pending} onClick={() => send({ intent: "pick", bookingId: m.id })} aria-label={t("pickLabel", { name: m.contactName })}>
                    {t("pick")}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <Section id="code-title" title={t("codeTitle")} {...small}>
        <form action={act} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-3">
          <HiddenFields values={{ factoryId, intent: "lookup" }} />
          <div className="flex-1">
            <InputField
              id="door-code"
              label={t("code")}
              hint={t("codeHint")}
              error={lookupIntent ? fieldError("query") : undefined}
              name="query"
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              maxLength={200}
              defaultValue={lookupIntent ? state.values?.query : undefined}
              className={`${inputClass} font-mono text-lg uppercase tracking-widest`}
            />
          </div>
          <button type="submit" disabled={pending} className={`${primary} sm:mt-7`}>
            {t("codeSubmit")}
          </button>
        </form>
      </Section>

      <Section id="search-title" title={t("searchTitle")} {...small}>
        <form action={act} noValidate role="search" className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-3">
          <HiddenFields values={{ factoryId, intent: "search" }} />
          <div className="flex-1">
            <InputField
              id="door-search"
              label={t("search")}
              error={state.intent === "search" ? fieldError("q") : undefined}
              name="q"
              type="search"
              autoComplete="off"
              defaultValue={state.intent === "search" ? state.values?.q : undefined}
            />
          </div>
          <button type="submit" disabled={pending} className={`${secondary} sm:mt-7`}>
            {t("searchSubmit")}
          </button>
        </form>
      </Section>
    </div>
  );
}

function BookingCard({
  booking,
  factoryId,
  dispatch,
  pending,
  clock,
  longDay,
  countError,
}: {
  booking: OfflineBooking;
  factoryId: string;
  dispatch: (data: FormData) => void;
  pending: boolean;
  clock: (date: Date | string) => string;
  longDay: (date: Date | string) => string;
  countError?: string;
}) {
  const t = useTranslations("factory.door");
  const [count, setCount] = useState(booking.seats);
  const isGroup = booking.kind === "GROUP";
  const tone = { CONFIRMED: "bg-green-100 text-green-900", CHECKED_IN: "bg-blue-100 text-blue-900", WAITLISTED: "bg-amber-100 text-amber-900", CANCELLED: "bg-slate-200 text-slate-800" }[booking.status];
  const canCheckIn = booking.status === "CONFIRMED" && booking.today;

  return (
    <article aria-labelledby={`booking-${booking.id}`} className="flex flex-col gap-3 rounded-xl border-2 border-slate-300 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`booking-${booking.id}`} className="text-2xl font-bold">
          {booking.contactName}
        </h3>
        <span className={`rounded-full px-3 py-1 font-semibold ${tone}`}>{t(`status.${booking.status}`)}</span>
        {booking.pending && <span className="rounded-full bg-amber-100 px-3 py-1 font-semibold text-amber-900">{t("offline.pending")}</span>}
      </div>
      <ul className="flex flex-col gap-1 text-lg">
        <li className="font-semibold">
          {t("seats", { count: booking.seats })}
          {isGroup && ` : ${t(booking.organisationName ? "organisationSeats" : "groupSeats", { students: booking.students ?? 0, adults: booking.adults ?? 0 })}`}
        </li>
        {booking.organisationName && <li>{booking.organisationName}</li>}
        {isGroup && booking.schoolName && (
          <li>
            {booking.schoolName}
            {booking.classLevel ? ` · ${booking.classLevel}` : ""}
          </li>
        )}
        <li>{t("visit", { date: longDay(booking.slot.startsAt), time: clock(booking.slot.startsAt) })}</li>
        {booking.ticketCode && <li className="font-mono text-base text-slate-700">{t("codeValue", { code: booking.ticketCode })}</li>}
      </ul>
      {booking.status === "CONFIRMED" && !booking.today && <p className="rounded-md bg-amber-50 px-3 py-2 font-semibold text-amber-900">{t("notToday")}</p>}

      {canCheckIn && (
        <form action={dispatch} noValidate className="flex flex-col gap-3">
          <HiddenFields values={{ factoryId, intent: "checkin", bookingId: booking.id }} />
          <Field id="door-count" label={t("present")} hint={t("presentHint", { seats: booking.seats })} error={countError}>
            {(p) => (
              <div className="flex items-center gap-2">
                <button type="button" className={`${button} size-12 border-2 border-slate-500 text-2xl`} aria-label={t("less")} onClick={() => setCount((n) => Math.max(1, n - 1))} disabled={count <= 1}>
                  −
                </button>
                <input
                  {...p}
                  name="count"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={booking.seats}
                  value={count}
                  onChange={(e) => setCount(Number(e.target.value))}
                  className={`${inputClass} w-24 text-center text-xl`}
                />
                <button type="button" className={`${button} size-12 border-2 border-slate-500 text-2xl`} aria-label={t("more")} onClick={() => setCount((n) => Math.min(booking.seats, n + 1))} disabled={count >= booking.seats}>
                  +
                </button>
              </div>
            )}
          </Field>
          <button type="submit" disabled={pending} className={`${primary} min-h-14 text-lg`}>
            {isGroup ? t("checkInGroup", { count }) : t("checkIn", { count })}
          </button>
        </form>
      )}

      {booking.status === "CHECKED_IN" && (
        <form action={dispatch} className="flex flex-col gap-3">
          <HiddenFields values={{ factoryId, intent: "undo", bookingId: booking.id }} />
          <p className="text-lg">
            {t("checkedInAt", { time: booking.checkedInAt ? clock(booking.checkedInAt) : "", count: booking.checkedInCount ?? 0, seats: booking.seats })}
          </p>
          <button type="submit" disabled={pending} className={`${secondary} self-start`}>
            {t("undo")}
          </button>
        </form>
      )}
    </article>
  );
}
