import { getTranslations } from "next-intl/server";
import { conditionLines, type VisitCondition } from "@/lib/booking/visit-conditions";

/** A visit's conditions as a list (nothing when there are none), in the words every page, e-mail and export uses. */
export async function VisitConditionList({ conditions, className }: { conditions: VisitCondition[]; className?: string }) {
  if (conditions.length === 0) return null;
  const t = await getTranslations("booking.conditions");
  return (
    <ul className={className ?? "list-disc pl-5"}>
      {conditionLines(conditions, t).map((line) => (
        <li key={line} className="whitespace-pre-line">
          {line}
        </li>
      ))}
    </ul>
  );
}
