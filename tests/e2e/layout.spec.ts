import { expect, test, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation, type DemoAccount } from "./helpers.ts";

// Issue 12 items 16 and 18–21: layouts at a 1366 px laptop and a 390 px phone, one size for form
// controls, the grouped consultation navigation and the observer's cues. Each test signs in on
// its own and only reads the demo data (other specs change it before this one runs).

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The consultation's pages this work changed, by path below /c/<id>. */
const PAGES: { name: string; path: string | null }[] = [
  { name: "overview", path: "" },
  { name: "measures plan", path: "/measures" },
  { name: "timeline", path: "/measures/timeline" },
  { name: "Abwägung", path: "/consolidation" },
  { name: "requirements", path: "/requirements" },
];

async function signIn(page: Page, account: DemoAccount): Promise<string> {
  await login(page, account);
  return openDemoConsultation(page);
}

/** The path of the first section of the consultation, from the overview's section table. */
async function firstSectionPath(page: Page, base: string): Promise<string> {
  await page.goto(base);
  const href = await page
    .getByRole("region", { name: "Abschnitte" })
    .getByRole("link")
    .first()
    .getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

/** The page never scrolls sideways: wide tables and the timeline scroll in their own box. */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.page, `page width on ${page.url()}`).toBeLessThanOrEqual(widths.viewport);
}

for (const size of [LAPTOP, PHONE]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    // One test per page: axe is slow on a busy machine.
    for (const target of [...PAGES, { name: "section", path: null }]) {
      test(`issue 12 items 18/19: the moderator's ${target.name} fits the width and axe finds nothing`, async ({
        page,
      }) => {
        test.setTimeout(180_000);
        const base = await signIn(page, "moderator");
        await page.goto(
          target.path === null ? await firstSectionPath(page, base) : base + target.path,
        );
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoPageOverflow(page);
        await expectNoAxeViolations(page);
      });
    }

    for (const target of ["/dispositions", null]) {
      test(`issue 12 items 16/19: the observer's ${target ?? "section"} page fits the width and axe finds nothing`, async ({
        page,
      }) => {
        test.setTimeout(180_000);
        const base = await signIn(page, "observer");
        await page.goto(target === null ? await firstSectionPath(page, base) : base + target);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoPageOverflow(page);
        await expectNoAxeViolations(page);
      });
    }

    test("issue 12 item 18: measure ids never wrap and the plan table scrolls in a labelled, focusable box", async ({
      page,
    }) => {
      const base = await signIn(page, "moderator");
      await page.goto(`${base}/measures`);
      const region = page.getByRole("region", { name: /^Maßnahmen \(/ });
      await expect(region).toHaveAttribute("tabindex", "0");
      const code = region.getByRole("link", { name: "M-01", exact: true });
      await expect(code).toBeVisible();
      // An inline link that wraps has one box per line.
      expect(await code.evaluate((a) => a.getClientRects().length)).toBe(1);
      if (size === LAPTOP) {
        // Every column of the plan is in view without scrolling sideways at 1366 px.
        const fits = await region.evaluate((box) => box.scrollWidth <= box.clientWidth);
        expect(fits, "the plan table fits 1366 px").toBe(true);
        // The last column's right edge is inside the window (the table starts below the fold,
        // so only its horizontal position counts).
        const last = await region
          .getByRole("columnheader", { name: /Umsetzungsstand/ })
          .boundingBox();
        expect(last!.x + last!.width).toBeLessThanOrEqual(LAPTOP.width);
      }
    });

    test("issue 12 item 20: the plan's filter controls have one height (≥ 44 px on phones)", async ({
      page,
    }) => {
      const base = await signIn(page, "moderator");
      await page.goto(`${base}/measures`);
      const filters = page.locator("details.filters");
      if (size === PHONE) {
        // Closed on phones, so that the list is in view; opened with the keyboard.
        await expect(filters).not.toHaveAttribute("open");
        await filters.locator("summary").focus();
        await page.keyboard.press("Enter");
        await expect(filters).toHaveAttribute("open");
      } else {
        await expect(filters).toHaveAttribute("open");
      }
      // Checkboxes keep their native size; their row is the touch target.
      const heights = await filters
        .locator("input:not([type=hidden]):not([type=checkbox]), select, button")
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
      expect(heights.length).toBeGreaterThan(10);
      const min = Math.min(...heights);
      const max = Math.max(...heights);
      expect(max - min, `control heights ${heights.join(", ")}`).toBeLessThanOrEqual(2);
      expect(min).toBeGreaterThanOrEqual(size === PHONE ? 44 : 36);
      const rows = await filters
        .locator(".checkbox")
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
      for (const row of rows) expect(row).toBeGreaterThanOrEqual(size === PHONE ? 44 : 20);
    });

    test("issue 12 item 18: the timeline fits and explains its bars, pilot hatching included", async ({
      page,
    }) => {
      const base = await signIn(page, "moderator");
      await page.goto(`${base}/measures/timeline`);
      const legend = page.getByRole("region", { name: "Legende" });
      await expect(legend).toContainText("Maßnahme läuft in diesem Quartal");
      await expect(legend).toContainText("Pilotprojekt läuft in diesem Quartal (schraffiert)");
      await expectNoPageOverflow(page);
      if (size === LAPTOP) {
        const region = page.getByRole("region", { name: "Zeitplan der Maßnahmen nach Quartalen" });
        expect(await region.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
      }
    });
  });
}

test.describe("grouped navigation at 1366×768", () => {
  test.use({ viewport: LAPTOP });

  test("issue 12 item 21: the consultation's links are grouped and the current page is marked", async ({
    page,
  }) => {
    const base = await signIn(page, "moderator");
    await page.goto(`${base}/measures`);
    const nav = page.getByRole("navigation", { name: "Seiten des Verfahrens" });
    for (const group of ["Text", "Maßnahmen", "Beteiligung", "Abwägung", "Verwaltung"]) {
      await expect(nav.getByRole("list", { name: group, exact: true })).toBeVisible();
    }
    const measures = nav.getByRole("list", { name: "Maßnahmen", exact: true });
    await expect(measures.getByRole("link", { name: "Maßnahmenplan" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(nav.locator('[aria-current="page"]:visible')).toHaveCount(1);
    await expect(
      nav.getByRole("list", { name: "Verwaltung" }).getByRole("link", { name: "Protokoll" }),
    ).toBeVisible();
    // A page below one of the links (the timeline below the plan) marks it as "true".
    await nav.getByRole("link", { name: "Maßnahmenplan" }).click();
    await page.getByRole("link", { name: "Zeitplan", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Zeitplan" })).toBeVisible();
    await expect(measures.getByRole("link", { name: "Maßnahmenplan" })).toHaveAttribute(
      "aria-current",
      "true",
    );
  });

  test("issue 12 items 16/21: groups and links the user may not open are left out", async ({
    page,
  }) => {
    const base = await signIn(page, "observer");
    await page.goto(base);
    const nav = page.getByRole("navigation", { name: "Seiten des Verfahrens" });
    await expect(nav.getByRole("link", { name: "Übersicht" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    // The observer's organisation gave no feedback: nothing to answer, no link to the answers.
    await expect(nav.getByRole("link", { name: "Abwägung unserer Beiträge" })).toHaveCount(0);
    await expect(nav.getByRole("list", { name: "Verwaltung" })).toHaveCount(0);
    await expect(nav.getByRole("list", { name: "Abwägung" })).toHaveCount(0);
    // The page itself keeps its own permission (members may read it).
    await page.goto(`${base}/dispositions`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Abwägung unserer Beiträge" }),
    ).toBeVisible();
  });

  test("issue 12 item 16: an organisation with feedback gets the link to the answers", async ({
    page,
  }) => {
    const base = await signIn(page, "contributor");
    await page.goto(base);
    const nav = page.getByRole("navigation", { name: "Seiten des Verfahrens" });
    await nav.getByRole("link", { name: "Abwägung unserer Beiträge" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Abwägung unserer Beiträge" }),
    ).toBeVisible();
  });
});

test.describe("phone at 390×844", () => {
  test.use({ viewport: PHONE });

  test("issue 12 items 19/21: header and navigation collapse and open by keyboard", async ({
    page,
  }) => {
    test.setTimeout(180_000); // axe twice
    const base = await signIn(page, "moderator");
    await page.goto(`${base}/measures`);
    const header = page.locator("header.site-header");
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeHidden();

    const nav = page.getByRole("navigation", { name: "Seiten des Verfahrens" });
    const disclosure = nav.locator("details");
    const summary = disclosure.locator("summary");
    await expect(summary).toContainText("Aktuelle Seite: Maßnahmenplan");
    await expect(nav.getByRole("link", { name: "Protokoll" })).toBeHidden();
    // Keyboard only: tab to the disclosure, open it, tab into it, follow a link.
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      if (await summary.evaluate((s) => s === document.activeElement)) break;
    }
    await expect(summary).toBeFocused();
    expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.keyboard.press("Enter");
    await expect(disclosure).toHaveAttribute("open");
    const current = nav.getByRole("link", { name: "Maßnahmenplan" });
    await expect(current).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("list", { name: "Verwaltung" })).toBeVisible();
    for (const link of await nav.getByRole("link").all()) {
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Übersicht" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${base}$`));
    await expectNoAxeViolations(page);

    // The header menu holds language switch and sign-out.
    const menu = page.locator("header details.header-menu");
    await menu.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    expect(
      (await page.getByRole("button", { name: "Abmelden" }).boundingBox())!.height,
    ).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(page);
  });
});

test("issue 12 item 16: English calls the phase Participation; read-only notices are neutral", async ({
  page,
}) => {
  const base = await signIn(page, "observer");
  const section = await firstSectionPath(page, base);
  await page.goto(section);
  const notice = page.locator(".comments-sidebar .notice");
  // The reason depends on the phase other specs left the consultation in.
  await expect(notice).toContainText(/lesen|Lesen|Phase|Frist/);
  // Not the green box of a success message.
  await expect(notice).not.toHaveCSS("background-color", "rgb(238, 246, 238)");

  await page.goto(base);
  await page.getByRole("button", { name: "English" }).click();
  try {
    const deadlines = page.getByRole("region", { name: "Phases and deadlines" });
    await expect(deadlines.getByRole("cell", { name: /^Participation/ })).toBeVisible();
    await expect(deadlines.getByRole("cell", { name: /^Consultation/ })).toHaveCount(0);
  } finally {
    await page.getByRole("button", { name: "Deutsch" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Phasen und Fristen" })).toBeVisible();
  }
});
