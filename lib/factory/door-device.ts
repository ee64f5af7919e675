// What the offline door desk keeps on the device, in IndexedDB (browser only; docs/decisions/0018-offline-door.md):
// the day's copy per factory and day, the check-ins waiting to be sent, and the device's random id.
// Copies of past days are dropped when the desk opens or syncs; everything is wiped at sign-out
// (forgetDoorDevice), with the service worker's copy of the desk page.
import type { DoorSnapshot } from "./door-offline-schemas";
import type { QueuedEntry } from "./door-local";
import { parisDay } from "@/lib/paris-time";

const DB_NAME = "usines-ouvertes-door";
// The desk page kept by public/door-sw.js: the same name there.
const PAGES_CACHE = "door-pages-v1";

/** A copy as kept: with the gap between the server's clock and the device's when it arrived. */
export interface StoredSnapshot {
  key: string;
  snapshot: DoorSnapshot;
  clockOffsetMs: number;
}

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore("snapshots", { keyPath: "key" });
    db.createObjectStore("queue", { keyPath: "id" });
    db.createObjectStore("meta");
  };
  return done(request);
}

async function withStore<T>(name: "snapshots" | "queue" | "meta", mode: IDBTransactionMode, task: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await done(task(db.transaction(name, mode).objectStore(name)));
  } finally {
    db.close();
  }
}

const snapshotKey = (factoryId: string, day: string) => `${factoryId}:${day}`;

export async function saveSnapshot(snapshot: DoorSnapshot, receivedAt: number): Promise<StoredSnapshot> {
  const stored = { key: snapshotKey(snapshot.factoryId, snapshot.day), snapshot, clockOffsetMs: Date.parse(snapshot.generatedAt) - receivedAt };
  await withStore("snapshots", "readwrite", (s) => s.put(stored));
  return stored;
}

// A copy's day is over when the server's clock, as estimated from the device's, has left it.
const current = (stored: StoredSnapshot) => stored.snapshot.day === parisDay(new Date(Date.now() + stored.clockOffsetMs));

/** Today's copy of this factory, if the device has one. */
export async function loadSnapshot(factoryId: string): Promise<StoredSnapshot | undefined> {
  const all = await withStore<StoredSnapshot[]>("snapshots", "readonly", (s) => s.getAll());
  return all.find((s) => s.snapshot.factoryId === factoryId && current(s));
}

/** Drops every copy whose day is over: the day's data goes with the day. */
export async function dropPastDays(): Promise<void> {
  const all = await withStore<StoredSnapshot[]>("snapshots", "readonly", (s) => s.getAll());
  for (const old of all.filter((s) => !current(s))) await withStore("snapshots", "readwrite", (s) => s.delete(old.key));
}

export async function queued(factoryId: string): Promise<QueuedEntry[]> {
  const all = await withStore<QueuedEntry[]>("queue", "readonly", (s) => s.getAll());
  return all.filter((e) => e.factoryId === factoryId).sort((a, b) => a.at.localeCompare(b.at));
}

export const enqueue = (entry: QueuedEntry) => withStore("queue", "readwrite", (s) => s.add(entry));
export const dequeue = (id: string) => withStore("queue", "readwrite", (s) => s.delete(id));

/** The device's random id (sync answers an entry sent twice by the same device once). */
export async function deviceId(): Promise<string> {
  const known = await withStore<string | undefined>("meta", "readonly", (s) => s.get("deviceId"));
  if (known) return known;
  const fresh = crypto.randomUUID();
  await withStore("meta", "readwrite", (s) => s.put(fresh, "deviceId"));
  return fresh;
}

/** Sign-out: the day's copies, the queue and the kept desk page leave the device. */
export async function forgetDoorDevice(): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  await Promise.allSettled([done(indexedDB.deleteDatabase(DB_NAME)), globalThis.caches?.delete(PAGES_CACHE)]);
}
