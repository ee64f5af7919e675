// Next calls register() once per server process: start the e-mail outbox worker there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.OUTBOX_WORKER === "off") return;
  const [{ startOutboxWorker }, { transport }] = await Promise.all([import("@/lib/email/worker"), import("@/lib/email/transport")]);
  startOutboxWorker(transport);
}
