import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { pageFactoryUser } from "@/lib/auth/pages";
import { CONDITION_FLAGS, type ConditionFlag } from "@/lib/booking/visit-conditions";
import { photoSources } from "@/lib/factory/photo-serving";
import { getFactoryProfile } from "@/lib/factory/profile";
import { MAX_PHOTOS } from "@/lib/factory/schemas";
import { FactoryNav } from "../FactoryNav";
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
  const [factory, t, tc] = await Promise.all([getFactoryProfile(user, factoryId), getTranslations("factory.profile"), getTranslations("booking.conditions")]);
  if (!factory) notFound();
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
    </div>
  );
}
