import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pageFactoryUser } from "@/lib/auth/pages";
import { CONDITION_FLAGS, type ConditionFlag } from "@/lib/booking/visit-conditions";
import { photoSources } from "@/lib/factory/photo-serving";
import { getFactoryJobs } from "@/lib/factory/jobs";
import { JOB_SENTENCE_MAX, JOB_URL_MAX, MAX_JOBS, TESTIMONIAL_MAX } from "@/lib/factory/job-schemas";
import { getFactoryProfile } from "@/lib/factory/profile";
import { MAX_PHOTOS } from "@/lib/factory/schemas";
import { JOB_FAMILIES, romeJobs } from "@/lib/reference/rome";
import { FactoryNav } from "../FactoryNav";
import { JobsForm, type JobOptionGroup } from "./JobsForm";
import { AddPhotoForm, PhotoItem } from "./PhotoForms";
import { ProfileForm } from "./ProfileForm";

type Props = { params: Promise<{ factoryId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("factory.profile"))("title"), robots: { index: false } };
}

// The site's profile after registration: the visit step's fields and the photos. The identity and
// activity fields are shown, not editable (see lib/factory/schemas.ts `factoryProfileInput`).
export default async function FactoryProfilePage({ params }: Props) {
  const { factoryId } = await params;
  const user = await pageFactoryUser(factoryId, `/espace-usine/${factoryId}/profil`);
  const [factory, jobs, t, tc, tj, locale] = await Promise.all([
    getFactoryProfile(user, factoryId),
    getFactoryJobs(user, factoryId),
    getTranslations("factory.profile"),
    getTranslations("booking.conditions"),
    getTranslations("jobs"),
    getLocale(),
  ]);
  if (!factory || !jobs) notFound();
  const conditionLabels = Object.fromEntries(Object.entries(CONDITION_FLAGS).map(([flag, code]) => [flag, tc(code)])) as Record<ConditionFlag, string>;
  const initial: Record<string, string> = {
    description: factory.description,
    minAge: factory.minAge?.toString() ?? "",
    otherConditions: factory.otherConditions ?? "",
    accessibilityNotes: factory.accessibilityNotes ?? "",
    studentsPerAdult: factory.studentsPerAdult?.toString() ?? "",
    ...Object.fromEntries(
      ([...(Object.keys(CONDITION_FLAGS) as ConditionFlag[]), "wheelchairAccessible"] as const).filter((flag) => factory[flag]).map((flag) => [flag, "on"]),
    ),
  };

  // The curated ROME list by family (families and jobs in alphabetical order), for the jobs' lists.
  const collator = new Intl.Collator(locale);
  const groups: JobOptionGroup[] = JOB_FAMILIES.map((family) => ({
    family,
    label: tj(`families.${family}`),
    jobs: romeJobs()
      .filter((job) => job.family === family)
      .map(({ code, label }) => ({ code, label }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  })).sort((a, b) => collator.compare(a.label, b.label));
  const jobValues: Record<string, string> = {
    ...Object.fromEntries(jobs.jobs.flatMap((job, i) => [[`jobs.${i}.romeCode`, job.romeCode], [`jobs.${i}.sentence`, job.sentence]])),
    ...(jobs.takesApprentices ? { takesApprentices: "on" } : {}),
    jobOffersUrl: jobs.jobOffersUrl ?? "",
    testimonialText: jobs.testimonialText ?? "",
    testimonialVideoUrl: jobs.testimonialVideoUrl ?? "",
  };

  return (
    <div className="flex flex-col gap-6">
      <FactoryNav factoryId={factory.id} current="profile" siteName={factory.siteName} />
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-slate-700">{t("intro", { site: factory.siteName, company: factory.companyName })}</p>
        <p className="max-w-prose rounded-md bg-slate-50 p-3 text-slate-800">{t("fixed", { siret: factory.siret })}</p>
      </div>

      <ProfileForm factoryId={factory.id} initial={initial} conditionLabels={conditionLabels} />

      <section aria-labelledby="photos-title" className="flex max-w-2xl flex-col gap-4">
        <h2 id="photos-title" className="text-2xl font-semibold">
          {t("photos.title")}
        </h2>
        <p className="text-slate-700">{t("photos.intro", { count: factory.photos.length, max: MAX_PHOTOS })}</p>
        {factory.photos.length > 0 && (
          <ul className="flex flex-col gap-4">
            {factory.photos.map((photo, i) => (
              <PhotoItem key={photo.id} factoryId={factory.id} photo={{ ...photo, ...photoSources(photo) }} n={i + 1} />
            ))}
          </ul>
        )}
        {factory.photos.length < MAX_PHOTOS && <AddPhotoForm factoryId={factory.id} />}
      </section>

      <section aria-labelledby="jobs-title" className="flex max-w-2xl flex-col gap-4">
        <h2 id="jobs-title" className="text-2xl font-semibold">
          {tj("page.title")}
        </h2>
        <JobsForm
          factoryId={factory.id}
          initial={jobValues}
          groups={groups}
          limits={{ maxJobs: MAX_JOBS, sentenceMax: JOB_SENTENCE_MAX, testimonialMax: TESTIMONIAL_MAX, urlMax: JOB_URL_MAX }}
        />
        <p className="text-sm text-slate-700">{tj("source")}</p>
      </section>
    </div>
  );
}
