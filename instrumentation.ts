// Next calls register() once per server process: start the e-mail outbox worker and the scheduler
// of lifecycle e-mails and personal-data purge there (each can be switched off by its env flag).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.OUTBOX_WORKER !== "off") {
    const [{ startOutboxWorker }, { transport, SMTP_CONNECTIONS }] = await Promise.all([import("@/lib/email/worker"), import("@/lib/email/transport")]);
    startOutboxWorker(transport, SMTP_CONNECTIONS);
  }
  if (process.env.SCHEDULER !== "off") {
    const { startScheduler } = await import("@/lib/lifecycle/scheduler");
    startScheduler();
  }
}
