import fs from "node:fs";
import { expect, test } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation } from "./helpers.ts";

test.describe("consolidation, versions and council package", () => {
  test("a moderator dispositions items, freezes versions, compares them and downloads the package", async ({
    page,
  }) => {
    await login(page, "moderator");
    const base = await openDemoConsultation(page);

    await page.getByRole("link", { name: "Abwägung", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Abwägung" })).toBeVisible();
    const progressText = page.getByText(/^\d+ von \d+ Beiträgen abgewogen/);
    await expect(progressText).toContainText("0 von");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: /Abwägungen veröffentlichen/ }).click();
    await expect(page.getByRole("alert")).toContainText("keine unveröffentlichten Abwägungen");

    const first = page.locator(".feedback-item").first();
    await first.getByLabel("Abwägungsergebnis").selectOption("partly_accepted");
    await first.getByLabel("Begründung").fill("Teilweise übernommen; Maßnahme wird präzisiert.");
    await first.getByRole("button", { name: "Abwägung speichern" }).click();
    await expect(page.getByRole("status")).toContainText("Die Abwägung wurde gespeichert.");
    await expect(progressText).toContainText("1 von");

    // Two further items share one disposition, chosen with the selection boxes.
    const items = page.locator(".feedback-item");
    await items.nth(1).getByRole("checkbox").check();
    await items.nth(2).getByRole("checkbox").check();
    const group = page.locator("#group-form");
    await group.getByLabel("Abwägungsergebnis").selectOption("noted");
    await group.getByLabel("Begründung").fill("Zur Kenntnis genommen.");
    await group.getByRole("button", { name: "Für Auswahl speichern" }).click();
    await expect(progressText).toContainText("3 von");
    await expect(
      page.getByText("Gemeinsame Abwägung mit 1 weiteren Beitrag", { exact: true }).first(),
    ).toBeVisible();

    await page.getByRole("button", { name: /Abwägungen veröffentlichen \(2\)/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(page.getByRole("status")).toContainText("veröffentlicht");
    await page.getByLabel("Stand", { exact: true }).selectOption("published");
    await page.getByRole("button", { name: "Filtern" }).click();
    await expect(page).toHaveURL(/state=published/);
    await expect(page.locator(".feedback-item")).toHaveCount(3);
    await expectNoAxeViolations(page);

    // The phase gate names what is still missing instead of failing silently.
    await page.goto(base);
    await page.getByLabel("Phase ändern").selectOption("submission");
    await page.getByRole("button", { name: "Phase übernehmen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Phase wechseln" }).click();
    await expect(page.getByRole("alert")).toContainText("braucht jeder Beitrag eine Abwägung");
    await expect(page.getByRole("heading", { name: /Noch ohne Abwägung \(\d+\)/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`${base}/versions`);
    await expect(page.getByRole("heading", { level: 1, name: "Fassungen" })).toBeVisible();
    await page.getByRole("button", { name: "Fassung einfrieren" }).click();
    await expect(page.getByLabel(/Name der Fassung/))
      .toBeFocused()
      .catch(() => undefined);
    await page.getByLabel(/Name der Fassung/).fill("Entwurf 1");
    await page.getByRole("button", { name: "Fassung einfrieren" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Fassung einfrieren" }).click();
    await expect(page.getByRole("table")).toContainText("Entwurf 1");
    await page.getByLabel(/Name der Fassung/).fill("Entwurf 1");
    await page.getByRole("button", { name: "Fassung einfrieren" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Fassung einfrieren" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "Eine Fassung mit diesem Namen gibt es bereits.",
    );
    await expect(page.getByLabel(/Name der Fassung/)).toHaveValue("Entwurf 1");
    await expectNoAxeViolations(page);

    // Change a measure so the next version differs, then freeze the council version.
    await page.goto(`${base}/measures`);
    await page.locator("table.measures-table tbody a").first().click();
    await page.getByRole("link", { name: "Maßnahme bearbeiten" }).click();
    const title = page.getByLabel(/^Titel/);
    await title.fill(`${await title.inputValue()} für die Ratsfassung`);
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("für die Ratsfassung");

    await page.goto(`${base}/versions`);
    await page.getByLabel(/Name der Fassung/).fill("Ratsfassung");
    await page.getByRole("button", { name: "Fassung einfrieren" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Fassung einfrieren" }).click();
    await expect(page.getByRole("table")).toContainText("Ratsfassung");

    await page.getByRole("link", { name: "Vergleichen" }).click();
    // The page proposes the two newest versions, older first.
    await expect(page.getByLabel("Ältere Fassung").locator("option:checked")).toContainText(
      "Entwurf 1",
    );
    await expect(page.getByLabel("Neuere Fassung").locator("option:checked")).toContainText(
      "Ratsfassung",
    );
    await page.getByRole("button", { name: "Vergleichen" }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: "„Entwurf 1“ verglichen mit „Ratsfassung“" }),
    ).toBeVisible();
    await expect(page.locator("ins").first()).toContainText("für die Ratsfassung");
    await expectNoAxeViolations(page);

    await page.goto(`${base}/versions`);
    await page.getByRole("link", { name: "Ratsfassung" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ratsfassung" })).toBeVisible();
    await expectNoAxeViolations(page);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Ratsvorlage als DOCX" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/Ratsfassung_Ratsvorlage\.docx$/);
    const file = fs.readFileSync((await download.path())!);
    expect([...file.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    await expect(
      page.getByRole("status").filter({ hasText: "Die Datei wurde erstellt." }),
    ).toBeVisible();

    const missing = await page.request.get(
      `${base}/versions/00000000-0000-4000-8000-000000000000/export?format=docx`,
    );
    expect(missing.status()).toBe(404);
  });

  test("an organisation sees published dispositions and cannot open the workspace or export", async ({
    page,
  }) => {
    await login(page, "contributor");
    const base = await openDemoConsultation(page);
    await page.getByRole("link", { name: "Abwägung unserer Beiträge" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Abwägung unserer Beiträge" }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    const workspace = await page.request.get(`${base}/consolidation`);
    expect(workspace.status()).toBe(403);
    await page.goto(`${base}/versions`);
    await expect(page.getByRole("button", { name: "Fassung einfrieren" })).toHaveCount(0);
  });
});
