/**
 * Takes the screenshots in docs/screenshots/: the measures plan, the timeline, the overview and
 * the Abwägung (consolidation) of the demo consultation, signed in as the demo moderator, at a
 * laptop (1366×768) and a phone (390×844) viewport. Run against a server with the demo seed:
 *
 *   npm run build && PORT=3310 DATA_DIR=/tmp/shots npx cross-env NODE_ENV=production tsx server/main.ts
 *   npx tsx scripts/screenshots.ts http://localhost:3310
 *
 * It drives the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium) like the e2e tests
 * and prints, per page, whether the page overflows horizontally.
 */
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { DEMO_PASSWORD, demoLogins } from "#server/seed/demo-data.ts";

const base = process.argv[2] ?? "http://localhost:3310";
const out = path.resolve(process.argv[3] ?? "docs/screenshots");
const moderator = demoLogins.find((l) => l.role === "moderator");
if (!moderator) throw new Error("no demo moderator");

const SIZES = [
  { name: "1366", width: 1366, height: 768 },
  { name: "390", width: 390, height: 844 },
] as const;

/** `show`: what to scroll to the top of the viewport (the table rather than the filters above it). */
const PAGES: { name: string; path: string; show?: string }[] = [
  { name: "overview", path: "" },
  { name: "measures", path: "/measures", show: ".table-scroll" },
  { name: "timeline", path: "/measures/timeline", show: ".timeline-legend" },
  { name: "consolidation", path: "/consolidation" },
];

async function signIn(page: Page): Promise<string> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/E-Mail-Adresse|E-mail address/).fill(moderator!.email);
  await page.getByLabel(/^Passwort|^Password/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^Anmelden$|^Sign in$/ }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  const link = page.getByRole("link", { name: /Innovations- und Cloud-Strategie/ }).first();
  const href = await link.getAttribute("href");
  if (!href) throw new Error("demo consultation not found");
  return href;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  for (const size of SIZES) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      deviceScaleFactor: 1,
      locale: "de-DE",
    });
    const page = await context.newPage();
    const consultation = await signIn(page);
    for (const p of PAGES) {
      await page.goto(`${base}${consultation}${p.path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      if (size.width < 768) {
        // Hydrated: the filters have closed on the phone.
        await page.waitForFunction(
          () => !document.querySelector<HTMLDetailsElement>("details.filters")?.open,
        );
      }
      if (p.show) {
        await page
          .locator(p.show)
          .first()
          .evaluate((el) => {
            el.scrollIntoView({ block: "start" });
            window.scrollBy(0, -8);
          });
      }
      const metrics = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        header: document.querySelector(".site-header")?.getBoundingClientRect().height ?? 0,
      }));
      const file = path.join(out, `${p.name}-${size.name}.png`);
      await page.screenshot({ path: file, scale: "css" });
      process.stdout.write(
        `${file}: page width ${metrics.scrollWidth} of ${size.width}, header ${Math.round(metrics.header)} px\n`,
      );
    }
    await context.close();
  }
} finally {
  await browser.close();
}
