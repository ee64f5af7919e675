// The jobs a factory showcases ("Métiers à découvrir"): what the factory space edits and the public
// page, the catalogue filter, the survey and the organisers' dashboard read. The records are the
// curated ROME list (lib/reference/rome.ts); the rules are in ./job-schemas.ts.
//
// Authorisation as for the profile (./profile.ts): the action calls requireFactoryAccess first, and
// the row is found again here through `accessibleFactory` (another site's id finds nothing). The
// whole change is one transaction and one audit entry with what it replaced.
import "server-only";
import { parseInput } from "@/lib/booking/errors";
import { inTransaction } from "@/lib/booking/transaction";
import { db } from "@/lib/db";
import { factoryJobsInput, type FactoryJobsInput } from "./job-schemas";
import { lockFactoryForEdit } from "./profile";
import { accessibleFactory, type FactoryActor } from "./slots";

const jobFieldsSelect = { takesApprentices: true, jobOffersUrl: true, testimonialText: true, testimonialVideoUrl: true } as const;
// Positions are 0…n−1: every save (and the seed) writes them afresh.
const jobRowsSelect = { orderBy: { position: "asc" }, select: { romeCode: true, sentence: true } } as const;

/** The form's values, or null if this user may not act for the site. */
export async function getFactoryJobs(actor: FactoryActor, factoryId: string) {
  return db.factory.findFirst({
    where: accessibleFactory(actor, factoryId),
    select: { id: true, siteName: true, ...jobFieldsSelect, jobs: jobRowsSelect },
  });
}

/** Replaces the site's jobs and the fields beside them; audit-logged when anything changed. */
export async function saveFactoryJobs(actor: FactoryActor, rawInput: FactoryJobsInput) {
  const { factoryId, jobs, ...input } = parseInput(factoryJobsInput, rawInput);
  const fields = {
    takesApprentices: input.takesApprentices,
    jobOffersUrl: input.jobOffersUrl ?? null,
    testimonialText: input.testimonialText ?? null,
    testimonialVideoUrl: input.testimonialVideoUrl ?? null,
  };
  return inTransaction(async (tx) => {
    const id = await lockFactoryForEdit(tx, actor, factoryId);
    const { jobs: beforeJobs, ...before } = await tx.factory.findUniqueOrThrow({ where: { id }, select: { ...jobFieldsSelect, jobs: jobRowsSelect } });
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => fields[key] !== before[key]);
    const jobsChanged = JSON.stringify(beforeJobs) !== JSON.stringify(jobs);
    if (changed.length === 0 && !jobsChanged) return { changed: [] as string[] };
    if (changed.length > 0) await tx.factory.update({ where: { id }, data: fields });
    if (jobsChanged) {
      await tx.factoryJob.deleteMany({ where: { factoryId: id } });
      await tx.factoryJob.createMany({ data: jobs.map((job, position) => ({ factoryId: id, romeCode: job.romeCode, sentence: job.sentence, position })) });
    }
    const keys = jobsChanged ? [...changed, "jobs"] : changed;
    const pick = (values: Record<string, unknown>) => Object.fromEntries(keys.map((key) => [key, values[key]]));
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "factory.jobs_update",
        entityType: "Factory",
        entityId: id,
        before: JSON.parse(JSON.stringify(pick({ ...before, jobs: beforeJobs }))),
        after: JSON.parse(JSON.stringify(pick({ ...fields, jobs }))),
      },
    });
    return { changed: keys };
  });
}
