"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { DoorBooking, DoorState } from "@/lib/factory/checkin";
import { dequeue, deviceId, dropPastDays, enqueue, loadSnapshot, queued, saveSnapshot, type StoredSnapshot } from "@/lib/factory/door-device";
import { findLocalTicket, localRefusal, withQueue, type LocalTicket, type QueuedEntry } from "@/lib/factory/door-local";
import type { DoorSnapshot, DoorSyncResult } from "@/lib/factory/door-offline-schemas";
import { parisDay } from "@/lib/paris-time";

// The door desk without network (docs/decisions/0018-offline-door.md): keeps the day's copy on the
// device, answers lookups and check-ins from it while offline (queued, "en attente"), and sends the
// queue when the network returns or on demand, then fetches a fresh copy.

export type OfflineBooking = DoorBooking & { pending?: boolean };
export type OfflineDoorState = Omit<DoorState, "booking" | "done"> & {
  booking?: OfflineBooking;
  done?: DoorState["done"] | "recorded";
  /** A ticket the copy does not know: the desk may record it, checked at the sync. */
  unknownTicket?: string;
};

export interface SyncReport {
  applied: number;
  conflicts: (DoorSyncResult & { name: string | null })[];
}

const subscribe = (notify: () => void) => {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
};

/** Whether the browser has a network; true while rendering on the server. */
export const useOnline = () => useSyncExternalStore(subscribe, () => navigator.onLine, () => true);

function asBooking(ticket: LocalTicket, snapshot: DoorSnapshot): OfflineBooking {
  const slot = snapshot.slots.find((s) => s.id === ticket.slotId)!;
  return {
    id: ticket.bookingId,
    kind: ticket.kind,
    status: ticket.status,
    seats: ticket.seats,
    students: ticket.students,
    adults: ticket.adults,
    contactName: ticket.name,
    schoolName: ticket.schoolName,
    organisationName: ticket.organisationName,
    classLevel: ticket.classLevel,
    ticketCode: "",
    checkedInCount: ticket.checkedInCount,
    checkedInAt: ticket.checkedInAt ? new Date(ticket.checkedInAt) : null,
    slot: { id: slot.id, startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt), status: slot.status },
    today: true,
    pending: ticket.pending,
  };
}

// A refused session (expired, or no longer a contact) is told apart from a server that failed.
function checked(response: Response) {
  if (!response.ok) throw new Error(response.status === 401 || response.status === 403 ? "auth.required" : "network");
}

// The desk page and the assets it loaded, for the service worker to keep (public/door-sw.js).
async function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  await navigator.serviceWorker.register("/door-sw.js", { scope: "/espace-usine/" });
  const ready = await navigator.serviceWorker.ready;
  const assets = performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.includes("/_next/static/"));
  ready.active?.postMessage({ type: "keep", urls: [location.pathname, ...assets] });
}

export function useOfflineDoor(factoryId: string) {
  // The browser may say "online" with no server in reach (a weak signal at the door, a reload
  // without network): a failed request counts as offline too, until one goes through.
  const [unreachable, setUnreachable] = useState(false);
  const online = useOnline() && !unreachable;
  const [stored, setStored] = useState<StoredSnapshot | null>(null);
  const [queue, setQueue] = useState<QueuedEntry[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useRef(false);

  const reloadQueue = useCallback(async () => setQueue(await queued(factoryId)), [factoryId]);

  const refresh = useCallback(async () => {
    const response = await fetch(`/espace-usine/${factoryId}/accueil/copie-locale`, { cache: "no-store" });
    checked(response);
    const snapshot = (await response.json()) as DoorSnapshot;
    setStored(await saveSnapshot(snapshot, Date.now()));
    await dropPastDays();
  }, [factoryId]);

  /** Sends the queue (if any), then fetches a fresh copy. */
  const sync = useCallback(async () => {
    if (busy.current || !navigator.onLine) return;
    busy.current = true;
    setSyncing(true);
    setProblem(null);
    try {
      const entries = await queued(factoryId);
      if (entries.length > 0) {
        const response = await fetch(`/espace-usine/${factoryId}/accueil/synchronisation`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ deviceId: await deviceId(), entries: entries.map(({ id, at, count, bookingId, ticket }) => ({ id, at, count, bookingId, ticket })) }),
        });
        checked(response);
        const { results } = (await response.json()) as { results: DoorSyncResult[] };
        for (const result of results) await dequeue(result.id);
        const names = new Map((stored?.snapshot.tickets ?? []).map((t) => [t.bookingId, t.name]));
        const byId = new Map(entries.map((e) => [e.id, e]));
        setReport({
          applied: results.filter((r) => r.result === "applied").length,
          conflicts: results
            .filter((r) => r.result !== "applied")
            .map((r) => ({ ...r, name: names.get(r.bookingId ?? byId.get(r.id)?.bookingId ?? "") ?? null })),
        });
      }
      await refresh();
      setUnreachable(false);
    } catch (error) {
      // fetch rejects (TypeError) only when no answer came back at all.
      if (error instanceof TypeError) setUnreachable(true);
      else setProblem(error instanceof Error && error.message === "auth.required" ? "auth.required" : "network");
    } finally {
      await reloadQueue();
      busy.current = false;
      setSyncing(false);
    }
  }, [factoryId, refresh, reloadQueue, stored]);

  const latestSync = useRef(sync);
  useEffect(() => {
    latestSync.current = sync;
  }, [sync]);

  // Opening the desk: the copy kept for today if any, then (online) send what waits and refresh;
  // and again each time the network returns.
  useEffect(() => {
    const onOnline = () => void latestSync.current();
    window.addEventListener("online", onOnline);
    void (async () => {
      await dropPastDays().catch(() => undefined);
      const kept = await loadSnapshot(factoryId).catch(() => undefined);
      if (kept) setStored(kept);
      await reloadQueue().catch(() => undefined);
      registerWorker().catch(() => undefined);
      if (navigator.onLine) await latestSync.current();
    })();
    return () => window.removeEventListener("online", onOnline);
  }, [factoryId, reloadQueue]);

  // Out of reach while the browser says online: try again every 10 seconds.
  useEffect(() => {
    if (!unreachable) return;
    const timer = setInterval(() => void latestSync.current(), 10_000);
    return () => clearInterval(timer);
  }, [unreachable]);

  const snapshot = stored?.snapshot ?? null;
  const ticketOf = (bookingId: string) => {
    const ticket = snapshot?.tickets.find((t) => t.bookingId === bookingId);
    return ticket && snapshot ? withQueue(ticket, queue) : null;
  };
  const now = () => new Date(Date.now() + (stored?.clockOffsetMs ?? 0)).toISOString();

  async function record(entry: Omit<QueuedEntry, "id" | "factoryId" | "day" | "at">) {
    const full = { id: crypto.randomUUID(), factoryId, day: snapshot?.day ?? parisDay(new Date()), at: now(), ...entry };
    await enqueue(full);
    const next = [...queue, full];
    setQueue(next);
    return next;
  }

  /** The desk's actions, answered from the device: the same state shape as the server action's. */
  async function act(intent: string, values: Record<string, string>): Promise<OfflineDoorState> {
    if (!snapshot) return { intent, error: "offline.no_copy" };
    if (intent === "lookup") {
      const found = await findLocalTicket(snapshot, values.query ?? "");
      if ("problem" in found) {
        return found.problem === "invalid"
          ? { intent, error: "validation.failed", fieldErrors: { query: "ticket.invalid" }, values }
          : { intent, error: "offline.unknown_ticket", unknownTicket: values.query, values };
      }
      return { intent, booking: asBooking(withQueue(found.ticket, queue), snapshot) };
    }
    if (intent === "record_unknown" && values.query) {
      await record({ ticket: values.query });
      return { intent, done: "recorded" };
    }
    const ticket = ticketOf(values.bookingId ?? "");
    if (!ticket) return { intent, error: "offline.unavailable" };
    if (intent === "checkin") {
      const count = values.count ? Number(values.count) : ticket.seats;
      const refusal = localRefusal(ticket, count);
      if (refusal) return { intent, error: refusal.code, params: refusal.params, booking: asBooking(ticket, snapshot) };
      const next = await record({ bookingId: ticket.bookingId, count });
      return { intent, done: "checked_in", booking: asBooking(withQueue(ticket, next), snapshot) };
    }
    // Only a check-in still on this device can be undone offline: it is simply not sent.
    const waiting = queue.find((e) => e.bookingId === ticket.bookingId);
    if (intent === "undo" && waiting) {
      await dequeue(waiting.id);
      const next = queue.filter((e) => e !== waiting);
      setQueue(next);
      const original = snapshot.tickets.find((t) => t.bookingId === ticket.bookingId)!;
      return { intent, done: "undone", booking: asBooking(withQueue(original, next), snapshot) };
    }
    return { intent, error: "offline.unavailable", booking: asBooking(ticket, snapshot) };
  }

  return { online, snapshot, queue, syncing, report, problem, sync, act };
}
