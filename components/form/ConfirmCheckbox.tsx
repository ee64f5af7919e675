import type { ReactNode } from "react";
import { SubmitButton } from "./SubmitButton";

// The "I understand" checkbox (name "confirm") a destructive or exceptional action requires, with
// its error announced and tied to it.
export function ConfirmCheckbox({ errorId, label, error }: { errorId: string; label: ReactNode; error?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-11 items-start gap-3">
        <input
          type="checkbox"
          name="confirm"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          className="mt-1 size-5 shrink-0"
        />
        <span>{label}</span>
      </label>
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error}
      </p>
    </div>
  );
}

// The end of a form whose action cannot be undone: the confirmation, then a red submit button.
export function ConfirmAndSubmit({ label, error, submit }: { label: ReactNode; error?: string; submit: ReactNode }) {
  return (
    <>
      <ConfirmCheckbox errorId="confirm-error" label={label} error={error} />
      <SubmitButton className="self-start !bg-red-700 hover:!bg-red-900">
        {submit}
      </SubmitButton>
    </>
  );
}
