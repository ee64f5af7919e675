// What a browser gets: the JavaScript a page makes Chromium download, and Lighthouse's mobile
// performance score. Both drive Debian's Chromium (as the browser tests do), against the built app.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../lib/chromium";
import { logFile, runBin } from "../lib/stack";

// No sandbox (root in a container); nothing fetched behind the page's back.
const FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface ScriptWeight {
  path: string;
  scripts: number;
  /** Decoded (uncompressed) bytes of every script response. */
  bytes: number;
}

/**
 * The JavaScript each page loads: every response Chromium types as a script, from navigation until
 * the network has been quiet for 500 ms after the load event (the chunks hydration and prefetching
 * load right after it count too), each page in a fresh context (empty cache).
 */
export async function scriptWeights(baseUrl: string, paths: string[]): Promise<ScriptWeight[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: FLAGS });
  try {
    const weights: ScriptWeight[] = [];
    for (const pagePath of paths) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies: Promise<number>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body().then((body) => body.length));
      });
      await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: "load" });
      await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
      const sizes = await Promise.all(bodies);
      weights.push({ path: pagePath, scripts: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) });
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
}

export interface LighthouseScore {
  path: string;
  /** Performance score, 0–100. */
  score: number;
  /** The metrics it is made of (ms, CLS unitless) and the bytes transferred. */
  metrics: Record<string, number>;
}

const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  cls: "cumulative-layout-shift",
  si: "speed-index",
  bytes: "total-byte-weight",
} as const;

/** Lighthouse (npm package, its CLI) with its default mobile preset, performance category only, one page at a time. */
export async function lighthouseScores(baseUrl: string, paths: string[], logDir: string): Promise<LighthouseScore[]> {
  const scores: LighthouseScore[] = [];
  for (const [i, pagePath] of paths.entries()) {
    const report = path.join(logDir, `lighthouse-${i + 1}.json`);
    await runBin(
      "lighthouse",
      [
        new URL(pagePath, baseUrl).href,
        "--only-categories=performance",
        "--output=json",
        `--output-path=${report}`,
        `--chrome-flags=--headless=new ${FLAGS.join(" ")}`,
      ],
      { ...process.env, CHROME_PATH: chromiumPath() },
      logFile(logDir, `lighthouse-${i + 1}`),
    );
    const result = JSON.parse(fs.readFileSync(report, "utf8")) as {
      categories: { performance: { score: number | null } };
      audits: Record<string, { numericValue?: number }>;
    };
    scores.push({
      path: pagePath,
      score: Math.round(100 * (result.categories.performance.score ?? 0)),
      metrics: Object.fromEntries(Object.entries(METRICS).map(([name, audit]) => [name, Math.round(1000 * (result.audits[audit]?.numericValue ?? NaN)) / 1000])),
    });
  }
  return scores;
}
