"use server";
import { cookies } from "next/headers";
import { asFormData } from "@/lib/action-state";
import { isLocale, LOCALE_COOKIE } from "./config";

// Language choice: a cookie read by lib/i18n/request.ts. Works without JavaScript (plain form post).
// The language form's action, through useActionState like every form of the app: (state, formData).
export async function setLocale(_state: unknown, formData: unknown) {
  const locale = asFormData(formData).get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
