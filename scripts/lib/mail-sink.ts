// Development SMTP sink: accepts every mail on localhost and stores it in the DevMail table, which
// the /dev/boite-mail page lists. Started by scripts/start.ts when SMTP_URL is unset, and by the
// fault scripts (scripts/faults), which stop and restart it.
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";

// Resolves once listening on 127.0.0.1:port, with the function that stops it (it can then be
// started again on the same port). Errors after start-up (a database connection lost, a client's
// broken connection) go to `onError` instead of crashing the process.
export async function startMailSink(
  databaseUrl: string,
  port: number,
  { onError = (error: Error) => console.warn("Mail sink:", error.message) }: { onError?: (error: Error) => void } = {},
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", onError);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        try {
          const raw = Buffer.concat(chunks).toString("utf8");
          const mail = await simpleParser(raw);
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(", ");
          await pool.query(`INSERT INTO "DevMail" ("to", subject, text, html, raw) VALUES ($1, $2, $3, $4, $5)`, [
            to,
            mail.subject ?? "",
            mail.text ?? "",
            typeof mail.html === "string" ? mail.html : null,
            raw,
          ]);
          callback();
        } catch (error) {
          callback(error as Error);
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
