import { expect, test, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation } from "./helpers.ts";

/** Opens the positions matrix from the consultation overview. */
async function openMatrix(page: Page): Promise<string> {
  const base = await openDemoConsultation(page);
  await page.getByRole("link", { name: "Stellungnahmen" }).first().click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Stellungnahmen der Organisationen" }),
  ).toBeVisible();
  return base;
}

test.describe("measures plan, positions and requirements", () => {
  test("plan, timeline and measure pages are accessible and filterable without losing totals", async ({
    page,
  }) => {
    await login(page, "observer");
    const base = await openDemoConsultation(page);
    await page.getByRole("link", { name: "Maßnahmenplan" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Maßnahmenplan" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("M-01");
    await expect(page.getByText(/Noch \d+ Tage/).first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Pilotprojekt", { exact: true }).selectOption("yes");
    await page.getByRole("button", { name: "Filter anwenden" }).click();
    await expect(page).toHaveURL(/pilot=yes/);
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(1 + 4 + 1);

    await page.goto(`${base}/measures/timeline`);
    await expect(page.getByRole("table", { name: /Zeitplan/ })).toContainText("2027-Q1");
    await expectNoAxeViolations(page);

    await page.goto(`${base}/measures`);
    await page
      .getByRole("link", {
        name: "Kooperationsgremium Digitalisierung mit den städtischen Gesellschaften",
      })
      .click();
    await expect(page.getByRole("heading", { level: 2, name: "Änderungsverlauf" })).toBeVisible();
    await expect(page.getByText("Zustimmung mit Auflagen").first()).toBeVisible();
    await expectNoAxeViolations(page);

    const csv = await page.request.get(`${base}/measures.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain(
      "Kriterienkatalog für Open Source und europäische Alternativen",
    );
  });

  test("an editor creates a measure; bad input is refused field by field and kept", async ({
    page,
  }) => {
    await login(page, "editor");
    const base = await openDemoConsultation(page);
    await page.goto(`${base}/measures/new`);
    await expectNoAxeViolations(page);
    await page.getByLabel("Nr.").fill("M-11");
    await page.getByLabel("Titel").fill("Open-Data-Portal für Energie- und Mobilitätsdaten");
    await page.getByLabel("Federführung").selectOption({ label: "Hauptamt / Digitalisierung" });
    await page.getByLabel("Beginn (Quartal)").fill("2028-Q2");
    await page.getByLabel("Ende (Quartal)").fill("2028-Q1");
    await page.getByLabel("Einmalige Kosten (EUR)").fill("viel");
    await page.getByRole("button", { name: "Maßnahme anlegen" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Das Ende darf nicht vor dem Beginn liegen.");
    await expect(summary).toContainText("Bitte einen Betrag in Euro angeben");
    await expect(page.getByLabel("Titel")).toHaveValue(
      "Open-Data-Portal für Energie- und Mobilitätsdaten",
    );
    await expectNoAxeViolations(page);
    await page.getByLabel("Ende (Quartal)").fill("2028-Q4");
    await page.getByLabel("Einmalige Kosten (EUR)").fill("45.000");
    await page.getByRole("button", { name: "Maßnahme anlegen" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Die Maßnahme wurde angelegt." }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("M-11");
  });

  test("Stadtwerke draft a position, their releaser releases it, the moderator sees the cell fill", async ({
    browser,
  }) => {
    const moderator = await (await browser.newContext()).newPage();
    await login(moderator, "moderator");
    const base = await openMatrix(moderator);
    const row = moderator.getByRole("row", { name: /M-01/ });
    const column = await moderator.getByRole("columnheader").allTextContents();
    const swIndex = column.findIndex((c) => c.trim() === "Stadtwerke");
    expect(swIndex).toBeGreaterThan(0);
    await expect(row.getByRole("cell").nth(swIndex - 1)).toContainText("fehlt noch");
    await expectNoAxeViolations(moderator);

    const contributor = await (await browser.newContext()).newPage();
    await login(contributor, "contributor");
    await contributor.goto(`${base}/measures`);
    await contributor.getByRole("link", { name: "M-01" }).click();
    await contributor
      .getByRole("link", { name: "Stellungnahme meiner Organisation erfassen" })
      .click();
    await expectNoAxeViolations(contributor);
    await contributor.getByLabel("Zustimmung mit Auflagen").check();
    await contributor
      .getByLabel("Begründung")
      .fill("Die Cloud-Strategie schafft Klarheit für unsere Netzleitsysteme.");
    await contributor.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await expect(contributor.getByRole("alert")).toContainText("bitte die Auflagen nennen");
    await expect(contributor.getByLabel("Begründung")).toHaveValue(/Netzleitsysteme/);
    await contributor
      .getByLabel("Auflagen", { exact: true })
      .fill("Betrieb nur in Rechenzentren mit BSI-C5-Testat.");
    await contributor.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await expect(
      contributor.getByRole("status").filter({ hasText: "Der Entwurf wurde gespeichert." }),
    ).toBeVisible();
    await expect(contributor.getByText(/Freigeben kann nur/)).toBeVisible();
    await expect(contributor.getByRole("button", { name: "Entwurf freigeben" })).toHaveCount(0);

    // The moderator's open page learns about the draft's existence without a reload.
    await expect(row.getByRole("cell").nth(swIndex - 1)).toContainText("Entwurf in Arbeit");

    const releaser = await (await browser.newContext()).newPage();
    await login(releaser, "releaser");
    await releaser.goto(contributor.url());
    await releaser.getByRole("button", { name: "Entwurf freigeben" }).click();
    await expect(
      releaser.getByRole("status").filter({ hasText: "Die Stellungnahme wurde freigegeben." }),
    ).toBeVisible();

    await expect(row.getByRole("cell").nth(swIndex - 1)).toContainText("Zustimmung mit Auflagen");
    await expect(row.getByRole("cell").last()).toContainText("Zustimmung mit Auflagen: 1");

    const csv = await moderator.request.get(`${base}/positions.csv`);
    expect(csv.ok()).toBe(true);
    expect((await csv.body()).toString("utf8")).toContain("Zustimmung mit Auflagen");
  });

  test("a company submits a requirement that shows on the list and the affected section", async ({
    page,
  }) => {
    await login(page, "contributor");
    const base = await openDemoConsultation(page);
    await page.goto(`${base}/requirements`);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Anforderung einreichen" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Anforderung einreichen" }).click();
    await expect(page.getByRole("alert")).toContainText("Titel: Bitte ausfüllen.");
    await page.getByLabel("Titel").fill("Lastmanagement-Daten nur in EU-Rechenzentren");
    await page
      .getByLabel("Beschreibung")
      .fill("Messdaten der Stadtwerke dürfen die EU nicht verlassen.");
    await page.getByLabel("Kategorie").selectOption({ label: "Datenschutz" });
    await page.getByLabel("Priorität").selectOption({ label: "MUSS" });
    await page.getByLabel("6. Datenschutz").check();
    await page.getByRole("button", { name: "Anforderung einreichen" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Ihre Anforderung wurde eingereicht." }),
    ).toBeVisible();
    await expect(page.getByRole("table")).toContainText(
      "Lastmanagement-Daten nur in EU-Rechenzentren",
    );
    await page.getByRole("link", { name: "6. Datenschutz" }).first().click();
    await expect(page.getByRole("region", { name: "Anforderungen und Maßnahmen" })).toContainText(
      "Lastmanagement-Daten nur in EU-Rechenzentren",
    );
    await expectNoAxeViolations(page);
  });
});
