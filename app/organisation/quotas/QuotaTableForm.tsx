"use client";
import { useLocale, useTranslations } from "next-intl";
import { Checkbox } from "@/components/form/Checkbox";
import { useFormActionState } from "@/components/form/useFormActionState";
import { ColumnHeaders } from "@/components/ui/ColumnHeaders";
import { inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormText } from "@/components/form/useFormText";
import { DIMENSIONS, QUOTA_MAX, quotaField, type AdminFormState, type QuotaKind } from "@/lib/organiser/schemas";
import type { QuotaTableRow } from "@/lib/organiser/quotas";
import { saveQuotasAction } from "./actions";
import { useSavedMessage } from "./QuotaForms";

const cellId = (field: string) => `q-${field.replaceAll(".", "-")}`;

// The whole representativity configuration as one form: a table per dimension, one cap and one target
// input per value (named `REGION.84.cap`), errors under their cell and summarised on top with links.
export function QuotaTableForm({ editionId, rows }: { editionId: string; rows: QuotaTableRow[] }) {
  const t = useTranslations("organiserAdmin.quotas");
  const locale = useLocale() === "en" ? "en" : "fr";
  const [state, action] = useFormActionState(saveQuotasAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const value = (field: string, initial: number | null) => state.values?.[field] ?? (initial === null ? "" : String(initial));
  const labelOf = new Map(rows.map((r) => [`${r.dimension}.${r.value}`, r.label[locale]]));
  // In the table's order (the action reports a cell's own errors before those between cells).
  const order = new Map(rows.flatMap((r, i) => [[quotaField(r.dimension, r.value, "cap"), 2 * i] as const, [quotaField(r.dimension, r.value, "target"), 2 * i + 1] as const]));
  const cellErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([field]) => order.has(field))
    .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const success = useSavedMessage(state);

  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <input type="hidden" name="editionId" value={editionId} />
      <FormMessage message={success ?? text.formError} tone={state.ok ? "success" : "error"} />
      {cellErrors.length > 0 && (
        <ul className="list-disc rounded-md border border-red-300 bg-red-50 py-3 pr-4 pl-8 text-red-800">
          {cellErrors.map(([field, code]) => {
            const [dimension, val, kind] = field.split(".");
            return (
              <li key={field}>
                <a href={`#${cellId(field)}`} className="underline underline-offset-4">
                  {labelOf.get(`${dimension}.${val}`) ?? val} — {t(`columns.${kind as QuotaKind}`)} : {text.field(field) ?? code}
                </a>
              </li>
            );
          })}
        </ul>
      )}

      {DIMENSIONS.map((dimension) => (
        <section key={dimension} aria-labelledby={`dim-${dimension}`} className="flex flex-col gap-2">
          <h3 id={`dim-${dimension}`} className="text-lg font-semibold">
            {t(`dimensions.${dimension}`)}
          </h3>
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <ColumnHeaders
                className="bg-slate-50"
                cellClassName="p-2"
                columns={[
                  { key: "value", id: `col-${dimension}-value`, label: t(`valueColumn.${dimension}`) },
                  { key: "approved", label: t("columns.approved"), className: "text-right" },
                  { key: "waiting", label: t("columns.waiting"), className: "text-right" },
                  { key: "cap", id: `col-${dimension}-cap`, label: t("columns.cap") },
                  { key: "target", id: `col-${dimension}-target`, label: t("columns.target") },
                ]}
              />
              <tbody>
                {rows
                  .filter((r) => r.dimension === dimension)
                  .map((row) => {
                    const rowId = `row-${dimension}-${row.value}`;
                    return (
                      <tr key={row.value} className="border-t border-slate-200 align-top">
                        <th scope="row" className="p-2 font-normal">
                          <span id={rowId}>
                            <span className="font-medium">{row.label[locale]}</span>
                            {dimension !== "SIZE" && <span className="text-slate-600"> ({row.value})</span>}
                          </span>
                          {row.overCap && <span className="ml-2 inline-block rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900">{t("overCap")}</span>}
                          {row.underTarget && <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">{t("underTarget")}</span>}
                        </th>
                        <td className="p-2 text-right tabular-nums">{row.approved}</td>
                        <td className="p-2 text-right tabular-nums">{row.pending + row.waitlisted}</td>
                        {(["cap", "target"] as const).map((kind) => {
                          const field = quotaField(dimension, row.value, kind);
                          const error = text.field(field);
                          return (
                            <td key={kind} className="p-2">
                              <input
                                id={cellId(field)}
                                name={field}
                                type="number"
                                inputMode="numeric"
                                min={0}
                                max={QUOTA_MAX}
                                defaultValue={value(field, row[kind])}
                                aria-labelledby={`${rowId} col-${dimension}-${kind}`}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={error ? `${cellId(field)}-error` : undefined}
                                className={`${inputClass} w-24`}
                              />
                              {error && (
                                <p id={`${cellId(field)}-error`} className="mt-1 text-xs font-medium text-red-700">
                                  {error}
                                </p>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <Checkbox
        name="approveWaitlisted"
        label={t("approveWaitlisted")}
        hint={t("approveWaitlistedHint")}
        defaultChecked={state.values ? state.values.approveWaitlisted === "on" : true}
      />
      <p className="text-sm text-slate-600">{t("neverUnapproves")}</p>
      <SubmitButton className="relative self-start">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
