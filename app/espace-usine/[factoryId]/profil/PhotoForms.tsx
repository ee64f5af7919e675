"use client";
import { useTranslations } from "next-intl";
import { Field, InputField } from "@/components/form/Field";
import { FormMessage } from "@/components/form/FormMessage";
import { SubmitButton } from "@/components/form/SubmitButton";
import { useFormActionState } from "@/components/form/useFormActionState";
import { useFormText } from "@/components/form/useFormText";
import type { FormState } from "@/lib/action-state";
import { MAX_PHOTOS, PHOTO_ALT_MAX, PHOTO_TYPES } from "@/lib/factory/schemas";
import { addPhotoAction, removePhotoAction, updatePhotoAltAction } from "./actions";

const fileClass =
  "text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-4 file:py-2 file:font-semibold";

function usePhotoForm(action: typeof addPhotoAction) {
  const [state, formAction] = useFormActionState(action, {} as FormState);
  return { state, formAction, text: useFormText("registration.errors", state, { maxPhotos: MAX_PHOTOS }) };
}

// One photo at a time, with the words that replace it for people who cannot see it (required).
export function AddPhotoForm({ factoryId }: { factoryId: string }) {
  const t = useTranslations("factory.profile.photos");
  const { state, formAction, text } = usePhotoForm(addPhotoAction);
  return (
    <form action={formAction} noValidate className="flex flex-col gap-3 rounded-xl border border-slate-300 p-4">
      <h3 className="text-lg font-semibold">{t("add")}</h3>
      <input type="hidden" name="factoryId" value={factoryId} />
      <FormMessage message={state.ok ? t("added") : text.formError} tone={state.ok ? "success" : "error"} />
      <Field id="new-photo" label={t("file")} hint={t("fileHint")} error={text.field("photo")} required>
        {(p) => <input {...p} name="photo" type="file" accept={PHOTO_TYPES.join(",")} className={fileClass} />}
      </Field>
      <InputField id="new-photo-alt" name="alt" label={t("alt")} hint={t("altHint")} error={text.field("alt")} required maxLength={PHOTO_ALT_MAX} />
      <SubmitButton className="self-start">{t("addSubmit")}</SubmitButton>
    </form>
  );
}

interface ShownPhoto {
  id: string;
  alt: string;
  width: number;
  height: number;
  src: string;
  srcSet: string;
}

// A photo as visitors will see it, its text alternative (editable) and a button to remove it.
export function PhotoItem({ factoryId, photo, n }: { factoryId: string; photo: ShownPhoto; n: number }) {
  const t = useTranslations("factory.profile.photos");
  const alt = usePhotoForm(updatePhotoAltAction);
  const remove = usePhotoForm(removePhotoAction);
  const altId = `photo-${photo.id}-alt`;
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-slate-300 p-4 sm:flex-row">
      {/* eslint-disable-next-line @next/next/no-img-element -- the photo route already resizes */}
      <img
        src={photo.src}
        srcSet={photo.srcSet}
        sizes="(min-width: 640px) 12rem, 100vw"
        width={photo.width}
        height={photo.height}
        alt={photo.alt || t("fallbackAlt", { n })}
        loading="lazy"
        className="aspect-[4/3] h-auto w-full rounded-lg bg-slate-100 object-cover sm:w-48"
      />
      <div className="flex flex-1 flex-col gap-2">
        <form action={alt.formAction} noValidate className="flex flex-col gap-2">
          <input type="hidden" name="factoryId" value={factoryId} />
          <input type="hidden" name="photoId" value={photo.id} />
          <FormMessage message={alt.state.ok ? t("altSaved") : alt.text.formError} tone={alt.state.ok ? "success" : "error"} reserveSpace={false} />
          <InputField
            id={altId}
            name="alt"
            label={t("altOf", { n })}
            hint={photo.alt ? undefined : t("altMissing")}
            error={alt.text.field("alt")}
            required
            maxLength={PHOTO_ALT_MAX}
            defaultValue={alt.state.values?.alt ?? photo.alt}
          />
          <SubmitButton className="self-start">{t("altSubmit")}</SubmitButton>
        </form>
        <form action={remove.formAction} noValidate>
          <input type="hidden" name="factoryId" value={factoryId} />
          <input type="hidden" name="photoId" value={photo.id} />
          <FormMessage message={remove.text.formError} reserveSpace={false} />
          <button type="submit" className="inline-flex min-h-11 items-center rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
            {t("remove", { n })}
          </button>
        </form>
      </div>
    </li>
  );
}
