// Next calls register() once per server process: start the e-mail outbox worker and the scheduler
// of lifecycle e-mails and personal-data purge there (each can be switched off by its env flag).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.OUTBOX_WORKER === "on") {
    const [{ startOutboxWorker }, { transport, SMTP_CONNECTIONS }] = await Promise.all([import("@/lib/email/worker"), import("@/lib/email/transport")]);
    startOutboxWorker(transport, SMTP_CONNECTIONS);
  }
  if (env.SCHEDULER === "on") {
    const { startScheduler } = await import("@/lib/lifecycle/scheduler");
    startScheduler();
  }
}
