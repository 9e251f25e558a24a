import fs from "node:fs";
import { expect, test } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation } from "./helpers.ts";

/*
 * Issue 12 items 13 and 14. This spec runs before the consolidation spec on the shared server,
 * so it saves no Abwägung (that spec starts from "0 of N dispositioned").
 */

/** Axe over the queue with its checkbox groups, and 52 writes, take a while on a shared machine. */
const SLOW = 240_000;

test("issue 12 item 13: compact Abwägung cards; Folgen are checkboxes and survive a refused save", async ({
  page,
}) => {
  test.setTimeout(SLOW);
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/consolidation`);
  const progressText = page.getByText(/^\d+ von \d+ Beiträgen abgewogen/);
  await expect(progressText).toBeVisible();
  const before = await progressText.textContent();

  const open = page.locator(".feedback-item").filter({
    has: page.locator(".state-badge", { hasText: /^offen$/ }),
  });
  const card = open.first();
  // The result select is as wide as its options, not stretched over the card.
  const select = card.getByLabel("Abwägungsergebnis");
  const selectBox = (await select.boundingBox())!;
  const cardBox = (await card.boundingBox())!;
  expect(selectBox.width).toBeLessThan(cardBox.width / 3);

  // The consequences are checkbox groups in a disclosure whose summary counts the ticked ones.
  const folgen = card.locator("summary", { hasText: /^Folgen/ });
  await expect(folgen).toContainText("0 ausgewählt");
  await expect(card.getByRole("group", { name: "Maßnahmen" })).toBeHidden();
  await folgen.focus();
  await page.keyboard.press("Enter");
  const measures = card.getByRole("group", { name: "Maßnahmen" });
  const sections = card.getByRole("group", { name: "Abschnitte" });
  await expect(measures).toBeVisible();
  const measure = measures.getByRole("checkbox").first();
  const section = sections.getByRole("checkbox").first();
  await measure.check();
  await section.focus();
  await page.keyboard.press("Space");
  await expect(section).toBeChecked();
  await expect(folgen).toContainText("2 ausgewählt");
  await expectNoAxeViolations(page);

  // A justification of blanks is refused by the server; what was chosen stays.
  await select.selectOption("partly_accepted");
  await card.getByLabel("Begründung").fill("   ");
  await card.getByRole("button", { name: "Abwägung speichern" }).click();
  await expect(page.getByRole("alert")).toContainText("Begründung");
  await expect(measure).toBeChecked();
  await expect(section).toBeChecked();
  await expect(folgen).toContainText("2 ausgewählt");
  await expect(select).toHaveValue("partly_accepted");
  await expect(progressText).toHaveText(before!);
});

test("issue 12 item 14: the audit log reads as sentences, filters by person and kind, pages and exports CSV", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(SLOW);
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  await page.getByRole("link", { name: "Digitale Souveränität" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Digitale Souveränität");
  const sectionPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Abschnitt sperren" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Abschnitt sperren" }).click();
  await expect(page.getByRole("button", { name: "Sperre aufheben" })).toBeVisible();
  await page.getByRole("button", { name: "Sperre aufheben" }).click();
  await expect(page.getByRole("button", { name: "Abschnitt sperren" })).toBeVisible();
  // More than a page of entries by this person: 25 further locks and unlocks.
  for (let i = 0; i < 25; i++) {
    for (const intent of ["lock", "unlock"]) {
      const response = await page.request.post(sectionPath, {
        form: { intent },
        headers: { Origin: baseURL! },
      });
      expect(response.ok()).toBe(true);
    }
  }

  await page.goto(`${base}/audit`);
  await expect(page.getByRole("heading", { level: 1, name: "Protokoll" })).toBeVisible();
  const rows = page.locator(".audit-table tbody tr");
  await expect(rows.first()).toContainText(
    /Katrin Lehmann \(.+\) hat den Abschnitt Digitale Souveränität entsperrt\./,
  );
  await expect(rows.first()).not.toContainText("section.unlocked");
  await expect(rows.first().getByRole("link", { name: "Digitale Souveränität" })).toHaveAttribute(
    "href",
    sectionPath,
  );
  await expectNoAxeViolations(page);

  await page.getByLabel("Person", { exact: true }).selectOption({ label: "Katrin Lehmann" });
  await page.getByLabel("Art", { exact: true }).selectOption({ label: "Abschnitte" });
  await page.getByRole("button", { name: "Filtern" }).click();
  await expect(page).toHaveURL(/person=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/kind=sections/);
  const count = page.getByRole("status").filter({ hasText: /^\d+ Einträge$/ });
  await expect(count).toBeVisible();
  const total = Number((await count.textContent())!.match(/^\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(52);
  await expect(rows).toHaveCount(50);
  for (const text of await rows.allTextContents()) {
    expect(text).toMatch(/Katrin Lehmann \(.+\) hat den Abschnitt .+ (gesperrt|entsperrt)\./);
  }

  const paging = page.getByRole("navigation", { name: "Seiten des Protokolls" });
  await expect(paging).toContainText("Seite 1 von");
  await paging.getByRole("link", { name: "Ältere Einträge" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/kind=sections/);
  await expect(paging).toContainText("Seite 2 von");
  // The second page holds the rest of the filtered entries (the first held 50).
  await expect(rows).toHaveCount(Math.min(50, total - 50));
  await expectNoAxeViolations(page);
  await paging.getByRole("link", { name: "Neuere Einträge" }).click();
  await expect(paging).toContainText("Seite 1 von");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Als CSV herunterladen" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("protokoll.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("Zeitpunkt;Person;Organisation;Art;Eintrag");
  // Every filtered entry, not just one page.
  expect(lines).toHaveLength(total + 1);
  expect(lines[1]).toMatch(
    /^[^;]+;Katrin Lehmann;[^;]+;Abschnitte;Katrin Lehmann \(.+\) hat den Abschnitt Digitale Souveränität entsperrt\.$/,
  );
});

test("issue 12 item 14: only moderators and admins read the audit log and its CSV", async ({
  page,
}) => {
  await login(page, "contributor");
  const base = await openDemoConsultation(page);
  const csv = await page.request.get(`${base}/audit.csv`);
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("Zeitpunkt;Person");
});
