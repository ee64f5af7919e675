"use client";
import { forgetDoorDevice } from "@/lib/factory/door-device";

// next-auth's client (≈ 40 kB) is loaded on the click only: the button is in the layout of every
// page, and most visitors are never signed in. The door desk's copy of the day leaves the device first
// (docs/decisions/0018-offline-door.md).
export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => void forgetDoorDevice().then(() => import("next-auth/react")).then(({ signOut }) => signOut({ callbackUrl: "/" }))}
      className="text-sm font-medium text-slate-700 underline underline-offset-4"
    >
      {label}
    </button>
  );
}
