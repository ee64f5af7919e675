// `tsx scripts/bench/smtp-sink.ts PORT`: an SMTP server on 127.0.0.1 that accepts every message and
// throws it away. The benchmark's stand-in for a real mail server: the app's outbox worker still
// claims, sends and marks every e-mail, but nothing is parsed or stored (unlike the dev mailbox).
import { SMTPServer } from "smtp-server";

const port = Number(process.argv[2]);
let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(`SMTP sink on 127.0.0.1:${port}`));
const stop = () => {
  console.log(`${received} messages received`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
