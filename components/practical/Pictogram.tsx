import { pictogramHref } from "./pictograms";

/** A decorative pictogram: its meaning is always said by the text beside it. */
export function Pictogram({ symbol, className = "size-4" }: { symbol: string; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <use href={pictogramHref(symbol)} />
    </svg>
  );
}
