import type { InputHTMLAttributes, ReactNode } from "react";

// A checkbox (or a radio button) inside its label, the whole line being the target, with an
// optional hint under the label; given `hintId`, the hint is also tied to the control.
export function Checkbox({
  label,
  hint,
  hintId,
  type = "checkbox",
  ...input
}: { label: ReactNode; hint?: ReactNode; hintId?: string; type?: "checkbox" | "radio" } & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className">) {
  return (
    <label className="flex min-h-11 items-start gap-3">
      <input type={type} aria-describedby={hintId} {...input} className="mt-1 size-5 shrink-0" />
      <span>
        {label}
        {hint && (
          <span id={hintId} className="block text-sm text-slate-600">
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}
