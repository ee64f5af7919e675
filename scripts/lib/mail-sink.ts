// Development SMTP sink: accepts every mail on localhost and stores it in the DevMail table, which
// the /dev/boite-mail page lists. Started by scripts/start.ts when SMTP_URL is unset, and by the
// fault scripts (scripts/faults), which stop and restart it.
// Like a real receiver it keeps one copy per Message-ID: SMTP delivery is at-least-once (the sink
// may store a message and its answer be lost, then the sender sends it again with the same id).
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";

/**
 * Live counts, for the tests and fault scenarios: `accepted` counts every message the sink answered
 * or meant to answer with success, copies of an already stored Message-ID included (the raw SMTP
 * transactions); `receiving` the transactions whose message is being received or stored right now.
 */
export interface MailSinkCounters {
  accepted: number;
  receiving: number;
}

// Resolves once listening on 127.0.0.1:port, with the function that stops it (it can then be
// started again on the same port). Errors after start-up (a database connection lost, a client's
// broken connection) go to `onError` instead of crashing the process.
export async function startMailSink(
  databaseUrl: string,
  port: number,
  {
    onError = (error: Error) => console.warn("Mail sink:", error.message),
    counters = { accepted: 0, receiving: 0 },
  }: { onError?: (error: Error) => void; counters?: MailSinkCounters } = {},
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", onError);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      counters.receiving++;
      let ended = false;
      let settled = false;
      const settle = () => {
        if (!settled) counters.receiving--;
        settled = true;
      };
      // The client went away in the middle of the message: nothing is stored or answered.
      stream.on("error", settle);
      stream.on("close", () => ended || settle());
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        ended = true;
        try {
          const raw = Buffer.concat(chunks).toString("utf8");
          const mail = await simpleParser(raw);
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(", ");
          await pool.query(
            `INSERT INTO "DevMail" ("messageId", "to", subject, text, html, raw) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ("messageId") DO NOTHING`,
            [mail.messageId ?? null, to, mail.subject ?? "", mail.text ?? "", typeof mail.html === "string" ? mail.html : null, raw],
          );
          counters.accepted++;
          callback();
        } catch (error) {
          callback(error as Error);
        } finally {
          settle();
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.on("error", onError);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  };
}
