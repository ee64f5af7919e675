"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="text-sm font-medium text-slate-700 underline underline-offset-4">
      {label}
    </button>
  );
}
