"use client";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { InputField, SelectField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import {
  AUDIENCES,
  DEFAULT_SERIES,
  MAX_SLOTS_PER_SERIES,
  SLOT_FORMATS,
  SLOT_LANGUAGES,
  seriesStarts,
  type SlotFormState,
} from "@/lib/factory/slot-schemas";
import { formatTime } from "@/lib/i18n/format";
import { MAX_WALKING_METERS, PPE_POLICIES, PRACTICAL_TEXT_MAX, type PHOTOGRAPHY_CHOICES, type PpePolicy } from "@/lib/practical/schemas";
import { minutesOf } from "@/lib/paris-time";
import { createSlotsAction, updateSlotAction } from "./actions";

export interface SlotSettings {
  capacity: number;
  audience: (typeof AUDIENCES)[number];
  openToEmployment: boolean;
  schoolReservedSeats: number;
  schoolReservedUntil: string; // datetime-local, Paris time
  circuitReservedSeats: number;
  circuitReservedUntil: string; // datetime-local, Paris time
  maxSeatsPerBooking: number | null;
  minAge: number | null;
  language: string;
  format: (typeof SLOT_FORMATS)[number];
  // Practical information (lib/practical), as the fields show it.
  meetingPoint: string | null;
  parkingInfo: string | null;
  publicTransport: string | null;
  walkingDistanceMeters: number | null;
  ppe: PpePolicy;
  photographyAllowed: (typeof PHOTOGRAPHY_CHOICES)[number];
}

type Props = {
  factoryId: string;
  siteMinAge: number | null;
  initial: SlotSettings;
} & (
  | { mode: "create"; days: { value: string; label: string }[]; defaultMaxSeats: number }
  | { mode: "edit"; slotId: string; booked: number }
);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const numeric = { type: "number", inputMode: "numeric" } as const;

// One form for creating visits (one or a series) and editing one: the schema of
// lib/factory/slot-schemas.ts decides, this only helps (preview of the series, fields shown when
// they apply) and shows the codes it gets back as messages.
export function SlotForm(props: Props) {
  const t = useTranslations("factory.slotForm");
  const tf = useTranslations("factory");
  const locale = useLocale();
  const isCreate = props.mode === "create";
  const [state, action] = useFormActionState(isCreate ? createSlotsAction : updateSlotAction, {} as SlotFormState);
  const text = useFormText("factory.errors", state, state.params ?? {});
  const tp = useTranslations("practical.form");
  const practicalErrors = useFormText("practical.errors", state);
  const value = (name: string, fallback: string | number | null = "") => state.values?.[name] ?? (fallback === null ? "" : String(fallback));
  const field = (name: string) => ({ id: name, name, error: text.field(name) });

  const [audience, setAudience] = useState(value("audience", props.initial.audience));
  const [mode, setMode] = useState(value("mode", "series"));
  const [days, setDays] = useState<string[]>(() =>
    isCreate ? (state.values?.days?.split(",").filter(Boolean) ?? props.days.map((d) => d.value)) : [],
  );
  const [firstStart, setFirstStart] = useState(value("firstStart", DEFAULT_SERIES.firstStart));
  const [lastStart, setLastStart] = useState(value("lastStart", DEFAULT_SERIES.lastStart));
  const [intervalMinutes, setIntervalMinutes] = useState(value("intervalMinutes", DEFAULT_SERIES.intervalMinutes));

  const preview = useMemo(() => {
    if (!isCreate || !TIME.test(firstStart) || days.length === 0) return null;
    const series = mode === "series";
    const step = Number(intervalMinutes);
    if (series && (!TIME.test(lastStart) || !Number.isInteger(step) || step < 15 || minutesOf(lastStart) < minutesOf(firstStart))) return null;
    const starts = seriesStarts({ days: days.slice(0, 1), firstStart, lastStart: series ? lastStart : undefined, intervalMinutes: series ? step : undefined });
    return { count: starts.length * days.length, times: starts.map((start) => formatTime(start, locale)).join(", ") };
  }, [isCreate, firstStart, lastStart, intervalMinutes, mode, days, locale]);

  const success = state.ok ? (state.promoted ? t("savedPromoted", { count: state.promoted }) : t("saved")) : undefined;

  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <input type="hidden" name="factoryId" value={props.factoryId} />
      {props.mode === "edit" && <input type="hidden" name="slotId" value={props.slotId} />}
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} focusKey={state} />

      {props.mode === "create" && (
        <fieldset className="flex flex-col gap-4 rounded-xl border border-slate-300 p-4">
          <legend className="px-1 text-lg font-semibold">{t("when")}</legend>
          <fieldset aria-describedby="days-hint days-error" className="flex flex-col gap-2">
            <legend className="font-medium">
              {t("days")}
              <span aria-hidden="true" className="text-red-700"> *</span>
            </legend>
            <p id="days-hint" className="text-sm text-slate-600">
              {t("daysHint")}
            </p>
            {props.days.map((day) => (
              <label key={day.value} className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  name="days"
                  value={day.value}
                  checked={days.includes(day.value)}
                  onChange={(e) => setDays((current) => (e.target.checked ? [...current, day.value] : current.filter((d) => d !== day.value)))}
                  className="size-5"
                />
                <span className="first-letter:uppercase">{day.label}</span>
              </label>
            ))}
            <p id="days-error" aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
              {text.field("days")}
            </p>
          </fieldset>

          <fieldset className="flex flex-col gap-2">
            <legend className="font-medium">{t("mode")}</legend>
            {(["single", "series"] as const).map((m) => (
              <label key={m} className="flex min-h-11 items-center gap-3">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="size-5" />
                {m === "single" ? t("modeSingle") : t("modeSeries")}
              </label>
            ))}
          </fieldset>

          <div className="grid gap-x-4 sm:grid-cols-2">
            <InputField {...field("firstStart")} label={mode === "series" ? t("firstStartSeries") : t("firstStart")} required type="time" step={300} value={firstStart} onChange={(e) => setFirstStart(e.target.value)} />
            {mode === "series" && (
              <InputField {...field("lastStart")} label={t("lastStart")} required type="time" step={300} value={lastStart} onChange={(e) => setLastStart(e.target.value)} />
            )}
            {mode === "series" && (
              <InputField {...field("intervalMinutes")} label={t("interval")} hint={t("intervalHint")} required {...numeric} min={15} step={5} value={intervalMinutes} onChange={(e) => setIntervalMinutes(e.target.value)} />
            )}
            <InputField {...field("durationMinutes")} label={t("duration")} required {...numeric} min={15} step={5} defaultValue={value("durationMinutes", DEFAULT_SERIES.durationMinutes)} />
          </div>
          <p role="status" className="rounded-md bg-brand-50 px-4 py-3 text-brand-900">
            {preview && (
              <>
                {t("preview", { count: preview.count })}{" "}
                {preview.count <= MAX_SLOTS_PER_SERIES && mode === "series" && t("previewTimes", { times: preview.times })}
              </>
            )}
          </p>
        </fieldset>
      )}

      <fieldset className="flex flex-col gap-4 rounded-xl border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{t("visitors")}</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <InputField
            {...field("capacity")}
            label={t("capacity")}
            hint={props.mode === "edit" ? `${t("capacityHint")} ${t("booked", { count: props.booked })}` : t("capacityHint")}
            required
            {...numeric}
            min={props.mode === "edit" ? Math.max(1, props.booked) : 1}
            defaultValue={value("capacity", props.initial.capacity)}
          />
          <InputField
            {...field("maxSeatsPerBooking")}
            label={t("maxPerBooking")}
            hint={props.mode === "create" ? t("maxPerBookingHint", { default: props.defaultMaxSeats }) : undefined}
            required={!isCreate}
            {...numeric}
            min={1}
            placeholder={props.mode === "create" ? String(props.defaultMaxSeats) : undefined}
            defaultValue={value("maxSeatsPerBooking", props.initial.maxSeatsPerBooking)}
          />
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="font-medium">{t("audience")}</legend>
          {AUDIENCES.map((a) => (
            <label key={a} className="flex min-h-11 items-center gap-3">
              <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} className="size-5" />
              {tf(`audience.${a}`)}
            </label>
          ))}
          {/* Besides the audience: groups of employment services, associations and training centres. */}
          <label className="flex min-h-11 items-start gap-3">
            <input
              type="checkbox"
              name="openToEmployment"
              defaultChecked={state.values ? state.values.openToEmployment === "on" : props.initial.openToEmployment}
              aria-describedby="openToEmployment-hint"
              className="mt-1 size-5 shrink-0"
            />
            <span>
              {t("openToEmployment")}
              <span id="openToEmployment-hint" className="block text-sm text-slate-700">
                {t("openToEmploymentHint")}
              </span>
            </span>
          </label>
        </fieldset>

        {audience === "BOTH" && (
          <div className="grid gap-x-4 sm:grid-cols-2">
            <InputField {...field("schoolReservedSeats")} label={t("reservedSeats")} hint={t("reservedSeatsHint")} {...numeric} min={0} defaultValue={value("schoolReservedSeats", props.initial.schoolReservedSeats || "")} />
            <InputField {...field("schoolReservedUntil")} label={t("reservedUntil")} type="datetime-local" defaultValue={value("schoolReservedUntil", props.initial.schoolReservedUntil)} />
          </div>
        )}

        <div className="grid gap-x-4 sm:grid-cols-2">
          <InputField {...field("circuitReservedSeats")} label={t("circuitReservedSeats")} hint={t("circuitReservedSeatsHint")} {...numeric} min={0} defaultValue={value("circuitReservedSeats", props.initial.circuitReservedSeats || "")} />
          <InputField {...field("circuitReservedUntil")} label={t("circuitReservedUntil")} type="datetime-local" defaultValue={value("circuitReservedUntil", props.initial.circuitReservedUntil)} />
        </div>

        <div className="grid gap-x-4 sm:grid-cols-3">
          <InputField {...field("minAge")} label={t("minAge")} hint={props.siteMinAge !== null ? t("minAgeHintSite", { age: props.siteMinAge }) : t("minAgeHintNone")} {...numeric} min={0} max={99} defaultValue={value("minAge", props.initial.minAge)} />
          {(
            [
              ["language", SLOT_LANGUAGES],
              ["format", SLOT_FORMATS],
            ] as const
          ).map(([name, choices]) => (
            <SelectField key={name} {...field(name)} label={t(name)} defaultValue={value(name, props.initial[name])} options={choices.map((choice) => ({ value: choice, label: tf(`${name}.${choice}`) }))} />
          ))}
        </div>
      </fieldset>

      <fieldset aria-describedby="practical-intro" className="flex flex-col gap-4 rounded-xl border border-slate-300 p-4">
        <legend className="px-1 text-lg font-semibold">{tp("legend")}</legend>
        <p id="practical-intro" className="max-w-prose text-sm text-slate-600">
          {tp("intro")}
        </p>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {(["meetingPoint", "parkingInfo", "publicTransport"] as const).map((name) => (
            <InputField
              key={name}
              id={name}
              name={name}
              error={practicalErrors.field(name)}
              label={tp(name)}
              hint={tp(`${name}Hint`)}
              maxLength={PRACTICAL_TEXT_MAX}
              defaultValue={value(name, props.initial[name])}
            />
          ))}
          <InputField
            id="walkingDistanceMeters"
            name="walkingDistanceMeters"
            error={practicalErrors.field("walkingDistanceMeters")}
            label={tp("walkingDistanceMeters")}
            hint={tp("walkingDistanceMetersHint")}
            {...numeric}
            min={0}
            max={MAX_WALKING_METERS}
            step={50}
            defaultValue={value("walkingDistanceMeters", props.initial.walkingDistanceMeters)}
          />
          <SelectField
            id="ppe"
            name="ppe"
            error={practicalErrors.field("ppe")}
            label={tp("ppe")}
            defaultValue={value("ppe", props.initial.ppe)}
            options={PPE_POLICIES.map((policy) => ({ value: policy, label: tp(`ppeChoice.${policy}`) }))}
          />
          <SelectField
            id="photographyAllowed"
            name="photographyAllowed"
            error={practicalErrors.field("photographyAllowed")}
            label={tp("photographyAllowed")}
            defaultValue={value("photographyAllowed", props.initial.photographyAllowed)}
            emptyLabel={tp("photographyChoice.unsaid")}
            options={(["yes", "no"] as const).map((choice) => ({ value: choice, label: tp(`photographyChoice.${choice}`) }))}
          />
        </div>
      </fieldset>

      <SubmitButton className="self-start">
        {isCreate ? t("submitCreate") : t("submitEdit")}
      </SubmitButton>
    </form>
  );
}
