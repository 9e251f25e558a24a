import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoLogins } from "#server/seed/demo-data.ts";

export type DemoAccount =
  "admin" | "moderator" | "editor" | "contributor" | "releaser" | "observer";

/** The demo login e-mail for an account name (the releaser is the Stadtwerke contributor who may release). */
export function demoEmail(account: DemoAccount): string {
  const login =
    account === "releaser"
      ? demoLogins.find((l) => l.canReleasePositions)
      : demoLogins.find((l) => l.role === account && !l.canReleasePositions);
  if (!login) throw new Error(`no demo login for ${account}`);
  return login.email;
}

/** Signs in through the login form as one of the seeded demo accounts and waits for the start page. */
export async function login(page: Page, account: DemoAccount): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/E-Mail-Adresse|E-mail address/).fill(demoEmail(account));
  await page.getByLabel(/^Passwort|^Password/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^Anmelden$|^Sign in$/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: /Meine Verfahren|My consultations/ }),
  ).toBeVisible();
}

/** Asserts that axe finds no WCAG 2.1 A/AA violations on the current page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Opens the demo consultation from "Meine Verfahren" and returns its URL path. */
export async function openDemoConsultation(page: Page): Promise<string> {
  await page.goto("/");
  await page
    .getByRole("link", { name: /Innovations- und Cloud-Strategie/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Innovations- und Cloud-Strategie",
  );
  return new URL(page.url()).pathname;
}

/** Selects `text` inside the live editor the way a mouse drag would (a DOM selection). */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  await page.evaluate((needle) => {
    const root = document.querySelector("#section-editor")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`text not found: ${needle}`);
  }, text);
  // ProseMirror reads the DOM selection on "selectionchange".
  await page.waitForTimeout(100);
}
