// First step of `npm test`: the browser tests drive Debian's Chromium (playwright.config.ts:
// CHROMIUM_PATH, else /usr/bin/chromium), and their HTML check runs the Nu checker on Java
// (tests/e2e/validate-html.ts). Each is installed when missing (scripts/lib/chromium.ts).
import { ensureChromium, ensureJava } from "./lib/chromium";

ensureChromium("The browser tests");
ensureJava("The browser tests");
