import { Checkbox } from "./Checkbox";

/** A visit an organiser may tick, as the page words it. */
export interface CandidateVisit {
  id: string;
  label: string;
  detail: string;
}

// The visits (or circuits) a form sends as `name` (one value per ticked box), with its hint and its
// error; the first box carries the field's id, so the error summary's link lands on it. `scroll`: a
// long list scrolls inside a box of its own.
export function VisitChecklist({
  id,
  name = "slotIds",
  legend,
  hint,
  visits,
  ticked,
  error,
  scroll = false,
}: {
  id: string;
  name?: "slotIds" | "circuitIds";
  legend: string;
  hint: string;
  visits: CandidateVisit[];
  ticked: Set<string>;
  error: string | undefined;
  scroll?: boolean;
}) {
  const boxes = visits.map((visit, i) => (
    <Checkbox
      key={visit.id}
      id={i === 0 ? `${id}-${name}` : undefined}
      name={name}
      value={visit.id}
      defaultChecked={ticked.has(visit.id)}
      aria-invalid={error ? true : undefined}
      label={<span className="font-medium">{visit.label}</span>}
      hint={visit.detail}
    />
  ));
  return (
    <fieldset aria-describedby={`${id}-${name}-hint ${id}-${name}-error`} className="flex flex-col gap-1">
      <legend className="font-medium">{legend}</legend>
      <p id={`${id}-${name}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {scroll ? <div className="flex max-h-96 flex-col gap-1 overflow-y-auto rounded border border-slate-200 p-2">{boxes}</div> : boxes}
      <p id={`${id}-${name}-error`} aria-live="polite" className="min-h-5 text-sm font-medium text-red-700">
        {error}
      </p>
    </fieldset>
  );
}
