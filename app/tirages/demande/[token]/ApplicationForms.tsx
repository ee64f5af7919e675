"use client";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { WishFields, type WishChoices } from "../../../visites/[slotId]/reserver/BookingForm";
import { changeWishesAction, withdrawApplicationAction } from "./actions";

/** The ranked wishes again, preselected, until the close. */
export function ChangeWishesForm({ token, wishes, current, submit }: { token: string; wishes: WishChoices; current: string[]; submit: string }) {
  const [state, action] = useFormActionState(changeWishesAction, {} as FormState);
  const text = useFormText("booking.errors", state);
  const value = (name: string, fallback = "") => state.values?.[name] ?? current[Number(name.slice(4)) - 1] ?? fallback;
  return (
    <form action={action} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <FormMessage message={text.formError} fieldErrors={text.fieldLinks()} focusKey={state} />
      <WishFields wishes={wishes} error={text.field} value={value} />
      <SubmitButton className="self-start">{submit}</SubmitButton>
    </form>
  );
}

/** Withdrawing, confirmed by a tick. */
export function WithdrawForm({ token, title, hint, submit }: { token: string; title: string; hint: string; submit: string }) {
  const tc = useTranslations("booking");
  const [state, action] = useFormActionState(withdrawApplicationAction, {} as FormState);
  const text = useFormText("booking.errors", state);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="manageToken" value={token} />
      <h2 className="text-xl font-semibold">{title}</h2>
      <p className="text-slate-700">{hint}</p>
      <FormMessage message={text.formError} focusKey={state} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" required className="size-5" />
        {tc("manage.cancel.confirm")}
      </label>
      <SubmitButton className="self-start !bg-red-700 hover:!bg-red-900">{submit}</SubmitButton>
    </form>
  );
}
