// « Mon programme » on this device (localStorage), for the client components: read through
// useDeviceProgramme, which renders nothing on the server (null) and follows changes made in this
// tab and in others. Storage may be disabled, full or hand-edited: every read tolerates it.
import { useMemo, useSyncExternalStore } from "react";
import { MAX_PROGRAMME_VISITS, PROGRAMME_STORAGE_KEY, SLOT_ID } from "@/lib/catalogue/programme-ids";

const CHANGED = "uo-programme-changed";

function parseStored(raw: string): string[] {
  try {
    const value: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(value)) return [];
    const ids = value.filter((id): id is string => typeof id === "string" && SLOT_ID.test(id));
    return [...new Set(ids)].slice(0, MAX_PROGRAMME_VISITS);
  } catch {
    return [];
  }
}

function storedRaw(): string {
  try {
    return localStorage.getItem(PROGRAMME_STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** The device's programme (slot ids, in the order added), or null while server-rendering. */
export function useDeviceProgramme(): string[] | null {
  const raw = useSyncExternalStore(subscribe, storedRaw, () => null);
  return useMemo(() => (raw === null ? null : parseStored(raw)), [raw]);
}

/** Replaces the device's programme; false when the browser refuses to store it. */
export function saveDeviceProgramme(ids: readonly string[]): boolean {
  try {
    localStorage.setItem(PROGRAMME_STORAGE_KEY, JSON.stringify(ids.slice(0, MAX_PROGRAMME_VISITS)));
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(CHANGED));
  return true;
}

export function removeFromDeviceProgramme(id: string) {
  const ids = parseStored(storedRaw());
  if (ids.includes(id)) saveDeviceProgramme(ids.filter((other) => other !== id));
}

/** Adds `id` (or removes it when there): false when the programme is full or cannot be stored. */
export function toggleInDeviceProgramme(id: string): boolean {
  const ids = parseStored(storedRaw());
  if (ids.includes(id)) return saveDeviceProgramme(ids.filter((other) => other !== id));
  if (ids.length >= MAX_PROGRAMME_VISITS) return false;
  return saveDeviceProgramme([...ids, id]);
}
