-- The outbox worker's claim (lib/email/worker.ts) takes the first due PENDING row in the order
-- ("dedupeKey" IS NOT NULL, "nextAttemptAt"): e-mails someone waits for before the scheduler's batches.
-- With this index that row is the index's first entry, instead of a sort of every pending row on each
-- claim (a backlog of thousands during an opening rush or the reminders' batch).
CREATE INDEX "EmailOutbox_claim_idx" ON "EmailOutbox" (("dedupeKey" IS NOT NULL), "nextAttemptAt") WHERE "status" = 'PENDING';
