"use client";
import { useTranslations } from "next-intl";
import { InputField, inputClass } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import { NAME_MAX, SLUG_MAX, type AdminFormState, type NextEditionInput } from "@/lib/organiser/schemas";
import { createNextEditionAction } from "./actions";

// The next edition in one form: a name, an address and a first day; the server copies the rest
// (lib/organiser/editions.ts) and the new edition's settings page opens for the remaining edits.
export function NextEditionForm({ suggested }: { suggested: Required<NextEditionInput> }) {
  const t = useTranslations("organiserAdmin.editions.next");
  const [state, action] = useFormActionState(createNextEditionAction, {} as AdminFormState);
  const text = useFormText("organiserAdmin.errors", state, state.params ?? {});
  const value = (name: keyof NextEditionInput) => state.values?.[name] ?? suggested[name];
  return (
    <form action={action} noValidate className="flex max-w-3xl flex-col gap-2 rounded-lg border border-slate-200 p-4">
      <input type="hidden" name="fromEditionId" value={suggested.fromEditionId} />
      <FormMessage message={text.formError} tone="error" />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <InputField id="next-name" label={t("name")} error={text.field("name")} required name="name" maxLength={NAME_MAX} defaultValue={value("name")} />
        <InputField id="next-slug" label={t("slug")} hint={t("slugHint")} error={text.field("slug")} required name="slug" maxLength={SLUG_MAX} defaultValue={value("slug")} className={inputClass} />
        <InputField id="next-firstDay" label={t("firstDay")} error={text.field("firstDay")} required name="firstDay" type="date" defaultValue={value("firstDay")} />
      </div>
      <SubmitButton className="relative self-start">{t("submit")}</SubmitButton>
    </form>
  );
}
