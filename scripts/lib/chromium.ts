// Debian's Chromium for the browser tests and the bench's browser figures (Playwright cannot download
// its own browser here), and Java for the tests' Nu HTML checker. Present: nothing to do. Missing, as
// root with apt-get: installs Debian's package. Otherwise it stops at once with the one command to
// run, instead of failing minutes later.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

function aptInstall(what: string, debianPackage: string, purpose: string) {
  const aptGet = ["/usr/bin/apt-get", "/bin/apt-get"].find((file) => fs.existsSync(file));
  if (process.getuid?.() !== 0 || !aptGet) stop(`${purpose} need ${what}. Install it with:\n\n  sudo apt-get install -y ${debianPackage}\n`);
  for (const args of [["update"], ["install", "-y", debianPackage]]) {
    console.log(`${what} missing for ${purpose.toLowerCase()}: apt-get ${args.join(" ")}`);
    const { status } = spawnSync(aptGet, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (status !== 0) stop(`apt-get ${args.join(" ")} failed (exit ${status}).`);
  }
}

/** The Chromium executable the browser tests and the bench launch: CHROMIUM_PATH, else Debian's. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;

/** Installs Debian's Chromium when chromiumPath() is missing. */
export function ensureChromium(purpose: string) {
  const browser = chromiumPath();
  if (fs.existsSync(browser)) return;
  if (browser !== DEBIAN_CHROMIUM) stop(`CHROMIUM_PATH=${browser}: no such file. Point it to a Chromium executable, or unset it to use ${DEBIAN_CHROMIUM}.`);
  aptInstall(`Chromium at ${DEBIAN_CHROMIUM}`, "chromium", purpose);
  if (!fs.existsSync(DEBIAN_CHROMIUM)) stop(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is still missing.`);
  console.log(`Chromium installed: ${DEBIAN_CHROMIUM}`);
}

export function ensureJava(purpose: string) {
  const javaRuns = () => spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
  if (javaRuns()) return;
  aptInstall("Java (for the Nu HTML checker)", "default-jre-headless", purpose);
  if (!javaRuns()) stop("apt-get installed default-jre-headless, but `java -version` still fails.");
}
