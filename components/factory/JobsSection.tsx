import { getTranslations } from "next-intl/server";
import type { FactoryPage } from "@/lib/catalogue/queries";

type Props = { factory: Pick<FactoryPage, "siteName" | "jobs" | "takesApprentices" | "jobOffersUrl" | "testimonialText" | "testimonialVideoUrl">; className: string };

const linkClass = "font-medium text-brand-700 underline underline-offset-4";

/** Whether the factory said anything about its jobs (else the page has no such section). */
export const showsJobs = (factory: Props["factory"]) =>
  factory.jobs.length > 0 || factory.takesApprentices || Boolean(factory.jobOffersUrl || factory.testimonialText || factory.testimonialVideoUrl);

/** The public page's "Métiers à découvrir". */
export async function JobsSection({ factory, className }: Props) {
  const { jobs, takesApprentices, jobOffersUrl, testimonialText, testimonialVideoUrl } = factory;
  const t = await getTranslations("jobs");
  return (
    <section aria-labelledby="metiers" className={className}>
      <h2 id="metiers" className="text-2xl font-semibold text-slate-900">
        {t("page.title")}
      </h2>
      {takesApprentices && (
        <p>
          <span className="inline-block rounded-full bg-green-100 px-3 py-1 text-sm font-semibold text-green-900">{t("page.apprentices")}</span>
        </p>
      )}
      {jobs.length > 0 && (
        <ul className="flex flex-col gap-3">
          {jobs.map((job) => (
            <li key={job.romeCode} className="flex flex-col gap-1 rounded-xl border border-slate-300 p-4">
              <h3 className="text-lg font-semibold text-slate-900">{job.label}</h3>
              <p className="text-sm text-slate-700">
                {t(`families.${job.family}`)} · {t("page.code", { code: job.romeCode })}
              </p>
              <p className="text-slate-800">{job.sentence}</p>
            </li>
          ))}
        </ul>
      )}
      {testimonialText && (
        <figure className="flex flex-col gap-2 border-l-4 border-brand-700 pl-4">
          <figcaption className="font-semibold text-slate-900">{t("page.testimonial")}</figcaption>
          <blockquote className="whitespace-pre-line text-slate-800">{testimonialText}</blockquote>
        </figure>
      )}
      {(jobOffersUrl || testimonialVideoUrl) && (
        <ul className="flex flex-col gap-1">
          {testimonialVideoUrl && (
            <li>
              <a href={testimonialVideoUrl} rel="noopener noreferrer nofollow" className={linkClass}>
                {t("page.video")}
              </a>
            </li>
          )}
          {jobOffersUrl && (
            <li>
              <a href={jobOffersUrl} rel="noopener noreferrer nofollow" className={linkClass}>
                {t("page.offers", { site: factory.siteName })}
              </a>
            </li>
          )}
        </ul>
      )}
      {jobs.length > 0 && <p className="text-sm text-slate-700">{t("source")}</p>}
    </section>
  );
}
