import { expect, test, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation } from "./helpers.ts";

// Issue 12 item 22: search across a consultation. Each test makes its own data (other specs
// change the demo consultation before this one runs).

const SECTION = "Nachhaltige IT-Beschaffung";
const editorBox = (page: Page) =>
  page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });

/** Searches with the small search field every consultation page shows. */
async function searchFromChrome(page: Page, q: string) {
  const form = page.getByRole("search", { name: "In diesem Verfahren suchen" });
  await form.getByRole("searchbox").fill(q);
  await form.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suche" })).toBeVisible();
}

test("text typed in a section is found in another word form, and the hit marks the passage", async ({
  page,
}) => {
  await login(page, "editor");
  await openDemoConsultation(page);
  await page.getByRole("link", { name: SECTION }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SECTION);
  const state = page.locator("#editor-save-state");
  await expect(state).toHaveText("gespeichert");
  await editorBox(page).locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Zaunkönigschulen bekommen eigene Server.");
  await expect(state).toHaveText("gespeichert");

  await searchFromChrome(page, "Zaunkönigschule");
  await expect(page.getByRole("status").filter({ hasText: "Treffer für" })).toHaveText(
    "1 Treffer für „Zaunkönigschule“.",
  );
  const sections = page.getByRole("region", { name: /^Abschnitte/ });
  await expect(sections.getByRole("heading", { level: 2 })).toHaveText("Abschnitte (1 Treffer)");
  await expect(sections.locator("mark")).toHaveText("Zaunkönigschulen");
  await expect(page.getByRole("region", { name: /^Kommentare/ })).toContainText(
    "Keine Treffer in diesem Bereich.",
  );
  // The search field keeps the words searched for.
  await expect(page.getByLabel("Suchbegriff")).toHaveValue("Zaunkönigschule");
  await expectNoAxeViolations(page);

  await sections.getByRole("link", { name: new RegExp(SECTION) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SECTION);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Die Fundstelle aus der Suche ist im Text markiert." }),
  ).toHaveCount(1);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const highlight = CSS.highlights.get("search-passage");
        return highlight ? [...highlight].map((range) => range.toString()).join("") : "";
      }),
    )
    .toContain("Zaunkönigschulen bekommen eigene Server.");
});

test("a submitted requirement is found and its hit leads to it in the list", async ({ page }) => {
  await login(page, "contributor");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/requirements/new`);
  await page.getByLabel("Titel").fill("Offene Schnittstellenbeschreibungen für Fachverfahren");
  await page.getByLabel("Beschreibung").fill("Jede Schnittstelle wird öffentlich dokumentiert.");
  await page.getByLabel("Kategorie").selectOption({ label: "Interoperabilität" });
  await page.getByLabel("Priorität").selectOption({ label: "SOLL" });
  await page.getByRole("button", { name: "Anforderung einreichen" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Ihre Anforderung wurde eingereicht." }),
  ).toBeVisible();

  await searchFromChrome(page, "Schnittstellenbeschreibung");
  const requirements = page.getByRole("region", { name: /^Anforderungen/ });
  await expect(requirements.locator("mark")).toHaveText("Schnittstellenbeschreibungen");
  await expect(requirements).toContainText("Stadtwerke");
  await expectNoAxeViolations(page);
  await requirements
    .getByRole("link", { name: "Offene Schnittstellenbeschreibungen für Fachverfahren" })
    .click();
  await expect(page).toHaveURL(/\/requirements#requirement-/);
  await expect(page.locator(":target")).toContainText(
    "Offene Schnittstellenbeschreibungen für Fachverfahren",
  );
});

test("an empty query, a query without hits and an over-long query each get a clear answer", async ({
  page,
}) => {
  await login(page, "observer");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/search`);
  await expect(page.getByRole("status").filter({ hasText: "Suchbegriff" })).toHaveText(
    "Geben Sie einen Suchbegriff ein, um dieses Verfahren zu durchsuchen.",
  );
  // The search page has one search form: the chrome's small one stays away here.
  await expect(page.getByRole("search")).toHaveCount(1);
  await expectNoAxeViolations(page);

  const field = page.getByLabel("Suchbegriff");
  await field.fill("Xylophonorchester");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Treffer" })).toHaveText(
    "Keine Treffer für „Xylophonorchester“.",
  );

  const long = "Cloud ".repeat(40).trim();
  await field.fill(long);
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Der Suchbegriff ist zu lang: höchstens 200 Zeichen, eingegeben wurden 239. Bitte kürzen Sie ihn.",
  );
  await expect(field).toHaveValue(long);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});
