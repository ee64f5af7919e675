import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Local runs get stable secrets generated once into .data/secrets.json. Production deployments set
// AUTH_SECRET and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY themselves, identical on every instance.
export function ensureLocalSecrets() {
  const file = path.join(process.cwd(), ".data", "secrets.json");
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  stored.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  stored.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  for (const [key, value] of Object.entries(stored)) process.env[key] ??= value;
}
