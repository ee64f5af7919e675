// Read side for organisers' dashboards and factory pages.
import { db, type Tx } from "@/lib/db";
import { SIZE_BANDS } from "@/lib/reference/size-band";
import { DIMENSIONS, dimensionValueLabel, type Dimension } from "./reasons";
import { quotaStanding, type QuotaStanding } from "./standing";

export interface QuotaUsageRow extends QuotaStanding {
  dimension: Dimension;
  value: string;
  label: { fr: string; en: string };
  approved: number;
  pending: number;
  waitlisted: number;
  rejected: number;
  cap: number | null;
  target: number | null;
}

/**
 * Per dimension (REGION, SECTOR, SIZE) and value: factories by status, with cap and target. Values
 * with a quota but no factory, and values with factories but no quota, are both listed. Aggregated
 * in one SQL statement.
 */
export async function quotaUsage(editionId: string, client: Tx | typeof db = db): Promise<QuotaUsageRow[]> {
  const rows = await client.$queryRaw<
    { dimension: Dimension; value: string; approved: number; pending: number; waitlisted: number; rejected: number; cap: number | null; target: number | null }[]
  >`
    WITH counts AS (
      SELECT d.dimension, d.value,
             count(*) FILTER (WHERE f.status = 'APPROVED')::int AS approved,
             count(*) FILTER (WHERE f.status = 'PENDING')::int AS pending,
             count(*) FILTER (WHERE f.status = 'WAITLISTED')::int AS waitlisted,
             count(*) FILTER (WHERE f.status = 'REJECTED')::int AS rejected
      FROM "Factory" f
      CROSS JOIN LATERAL (VALUES ('REGION', f."regionCode"), ('SECTOR', f."sectorCode"::text), ('SIZE', f."sizeBand"::text)) AS d(dimension, value)
      WHERE f."editionId" = ${editionId}
      GROUP BY d.dimension, d.value
    ), quotas AS (
      SELECT dimension::text AS dimension, value, cap, target FROM "Quota" WHERE "editionId" = ${editionId}
    )
    SELECT COALESCE(c.dimension, q.dimension) AS dimension,
           COALESCE(c.value, q.value) AS value,
           COALESCE(c.approved, 0) AS approved,
           COALESCE(c.pending, 0) AS pending,
           COALESCE(c.waitlisted, 0) AS waitlisted,
           COALESCE(c.rejected, 0) AS rejected,
           q.cap, q.target
    FROM counts c
    FULL OUTER JOIN quotas q ON q.dimension = c.dimension AND q.value = c.value`;
  const sizeOrder = (value: string) => SIZE_BANDS.indexOf(value as (typeof SIZE_BANDS)[number]);
  return rows
    .map((row) => ({
      ...row,
      label: { fr: dimensionValueLabel(row.dimension, row.value, "fr"), en: dimensionValueLabel(row.dimension, row.value, "en") },
      ...quotaStanding(row.approved, row.cap, row.target),
    }))
    .sort(
      (a, b) =>
        DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
        (a.dimension === "SIZE" ? sizeOrder(a.value) - sizeOrder(b.value) : a.value.localeCompare(b.value)),
    );
}
