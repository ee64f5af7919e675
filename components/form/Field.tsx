import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// A labelled field whose error is announced and tied to the input (aria-describedby), as in the
// Next.js learn dashboard pattern. `children` receives the ids to put on the input.
export function Field({
  id,
  label,
  hint,
  error,
  required,
  labelClassName = "font-medium text-slate-900",
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  labelClassName?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean; required?: boolean }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClassName}>
        {label}
        {required && <span aria-hidden="true" className="text-red-700"> *</span>}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, required })}
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error}
      </p>
    </div>
  );
}

export const inputClass =
  "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

type FieldFrame = { id: string; label: ReactNode; hint?: ReactNode; error?: string; required?: boolean; labelClassName?: string };

// Field with its usual control: a text-like <input> (or a <textarea>) with the input style, unless
// `className` says otherwise. The other props go to the control.
export function InputField({ id, label, hint, error, required, labelClassName, className = inputClass, ...input }: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "required">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} labelClassName={labelClassName}>
      {(p) => <input {...p} {...input} className={className} />}
    </Field>
  );
}

export function TextAreaField({ id, label, hint, error, required, labelClassName, ...textarea }: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "required" | "className">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} labelClassName={labelClassName}>
      {(p) => <textarea {...p} {...textarea} className={inputClass} />}
    </Field>
  );
}

type PlainFieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  children: (props: { id: string; "aria-describedby"?: string }) => ReactNode;
};

// A labelled control the server does not validate (search and filter forms): no error line, an
// optional hint tied to the control.
export function PlainField({ id, label, hint, children }: PlainFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": hintId })}
    </div>
  );
}

// A drop-down list that shows its `defaultValue` even when that changes after it was first shown.
// React applies a <select>'s defaultValue only when it mounts, and resets a form after its action to
// each control's default: without the key, an action state bringing back "3" (or a saved count)
// would leave the list on its first value.
export function Select({ defaultValue, ...select }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select key={String(defaultValue)} defaultValue={defaultValue} {...select} />;
}

export interface SelectOption {
  value: string;
  label: ReactNode;
}

// A filter's drop-down list; `emptyLabel` names the first choice, which filters nothing.
export function SelectFilter({
  id,
  name,
  label,
  defaultValue,
  options,
  emptyLabel,
  className = inputClass,
}: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue?: string;
  options: SelectOption[];
  emptyLabel?: string;
  className?: string;
}) {
  return (
    <PlainField id={id} label={label}>
      {(p) => (
        <Select {...p} name={name} defaultValue={defaultValue ?? ""} className={className}>
          <OptionList options={options} emptyLabel={emptyLabel} />
        </Select>
      )}
    </PlainField>
  );
}

function OptionList({ options, emptyLabel }: { options: SelectOption[]; emptyLabel?: string }) {
  return (
    <>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

// Field with a drop-down list of `options` (after an empty first choice when `emptyLabel` is given).
export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  labelClassName,
  options,
  emptyLabel,
  ...select
}: FieldFrame & { options: SelectOption[]; emptyLabel?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "required" | "className">) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} labelClassName={labelClassName}>
      {(p) => (
        <Select {...p} {...select} className={inputClass}>
          <OptionList options={options} emptyLabel={emptyLabel} />
        </Select>
      )}
    </Field>
  );
}
