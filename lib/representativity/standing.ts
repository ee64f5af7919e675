// The cap and target rule, once: where an approved count stands against its quota. A cap is the
// most approved factories a value may have (reached at approved = cap: one more would exceed it); a
// target is the fewest it should have. Pure: used by the decisions, the dashboards and the quota table.

export interface QuotaStanding {
  /** Cap set and approved >= cap: new registrations of this value are waitlisted. */
  capReached: boolean;
  /** approved > cap: only possible through an organiser override (or a cap lowered afterwards). */
  overCap: boolean;
  /** Target set and approved < target. */
  underTarget: boolean;
}

export function quotaStanding(approved: number, cap: number | null, target: number | null): QuotaStanding {
  return {
    capReached: cap !== null && approved >= cap,
    overCap: cap !== null && approved > cap,
    underTarget: target !== null && approved < target,
  };
}
