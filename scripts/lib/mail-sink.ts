// Development SMTP sink: accepts every mail on localhost and stores it in the DevMail table, which
// the /dev/boite-mail page lists. Started by scripts/start.ts when SMTP_URL is unset.
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";

export async function startMailSink(databaseUrl: string, port: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", (error) => console.warn("Mail sink database connection:", error.message));
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
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  };
}
