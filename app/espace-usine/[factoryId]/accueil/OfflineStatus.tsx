"use client";
import { useTranslations } from "next-intl";
import type { useOfflineDoor } from "./useOfflineDoor";

// The desk's network state, announced when it changes; the day's copy on the device, the check-ins
// waiting to be sent, the sync button, and the last sync's report with each conflict spelled out.
export function OfflineStatus({
  door,
  message,
  clock,
}: {
  door: ReturnType<typeof useOfflineDoor>;
  message: (code: string, params?: Record<string, string | number>) => string | undefined;
  clock: (date: Date | string) => string;
}) {
  const t = useTranslations("factory.door.offline");
  const { online, snapshot, queue, syncing, report, problem } = door;
  return (
    <section aria-labelledby="network-title" className="flex flex-col gap-2 rounded-xl border-2 border-slate-300 p-4">
      <h2 id="network-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p role="status" className={`rounded-md px-3 py-2 font-semibold ${online ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
        {online ? t("online") : t("offline")}
        {queue.length > 0 && ` ${t("queued", { count: queue.length })}`}
      </p>
      <p className="text-slate-700">{snapshot ? t("copy", { count: snapshot.tickets.length, time: clock(snapshot.generatedAt) }) : t("noCopy")}</p>
      <button
        type="button"
        onClick={() => void door.sync()}
        disabled={syncing}
        className="inline-flex min-h-12 items-center justify-center self-start rounded-md border-2 border-brand-700 px-5 py-2 font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-70"
      >
        {syncing ? t("syncing") : t("syncNow")}
      </button>
      <div aria-live="polite" className="flex flex-col gap-2">
        {problem && <p className="font-semibold text-red-800">{t(`problem.${problem === "auth.required" ? "auth" : "network"}`)}</p>}
        {report && (
          <div className="flex flex-col gap-1">
            <p className="font-semibold">{t("report", { applied: report.applied, conflicts: report.conflicts.length })}</p>
            {report.conflicts.length > 0 && (
              <ul className="flex list-disc flex-col gap-1 pl-6">
                {report.conflicts.map((conflict) => (
                  <li key={conflict.id}>
                    <span className="font-semibold">{conflict.name ?? t("unknownName")}</span> : {message(conflict.result, conflict.params)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
