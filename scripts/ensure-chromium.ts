// First step of `npm test`: the browser tests drive Chromium (scripts/lib/chromium.ts: CHROMIUM_PATH,
// else Debian's /usr/bin/chromium), and their HTML check runs the Nu checker on Java
// (tests/e2e/validate-html.ts). Each is installed when missing.
import { ensureChromium, ensureJava } from "./lib/chromium";

ensureChromium("The browser tests");
ensureJava("The browser tests");
