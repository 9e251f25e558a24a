import { expect, test, type Browser, type Page } from "./fixtures.ts";
import {
  expectNoAxeViolations,
  login,
  openDemoConsultation,
  selectInEditor,
  type DemoAccount,
} from "./helpers.ts";

// Regression tests for the bugs a browser walkthrough found (issue 12, "Bugs"). Each test makes
// or picks its own data: other specs run before it against the same server.

const SECTION = "Zusammenarbeit mit den städtischen Gesellschaften";
const editorBox = (page: Page) =>
  page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });

async function openSection(
  browser: Browser,
  account: DemoAccount,
  section = SECTION,
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, account);
  await openDemoConsultation(page);
  await page.getByRole("link", { name: section }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(section);
  return page;
}

test("issue 12 item 1: a moderator saves settings while an unchanged deadline lies in the past", async ({
  page,
}) => {
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/settings`);
  const description = page.getByLabel("Beschreibung", { exact: true });
  await description.fill(`${await description.inputValue()} Ergänzt.`);
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Gespeichert.");
  await expect(page.getByRole("alert")).toHaveCount(0);
  // A changed deadline in the past is still refused.
  await page.getByLabel("Ende der Phase „Entwurf“").fill("2020-01-01T10:00");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Die Frist liegt in der Vergangenheit.");
  await expectNoAxeViolations(page);
});

test("issue 12 item 3: a disposition without Begründung is not saved and does not count", async ({
  page,
}) => {
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/consolidation`);
  const progressText = page.getByText(/^\d+ von \d+ Beiträgen abgewogen/);
  const progress = async () => (await progressText.textContent())?.match(/^\d+/)?.[0];
  const open = page.locator(".feedback-item").filter({
    has: page.locator(".state-badge", { hasText: /^offen$/ }),
  });
  await expect(progressText).toBeVisible();
  const before = await progress();
  const openBefore = await open.count();
  expect(openBefore).toBeGreaterThan(0);
  const first = open.first();
  await first.getByLabel("Abwägungsergebnis").selectOption("noted");
  await first.getByRole("button", { name: "Abwägung speichern" }).click();
  await expect(first.getByLabel("Begründung")).toHaveJSProperty("validity.valueMissing", true);
  await page.reload();
  await expect(progressText).toBeVisible();
  expect(await progress()).toBe(before);
  await expect(open).toHaveCount(openBefore);
});

test("issue 12 item 2: the group selection is cleared after saving; saving nothing selected is refused", async ({
  page,
}) => {
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  await page.goto(`${base}/consolidation`);
  const items = page.locator(".feedback-item");
  await items.nth(0).getByRole("checkbox").check();
  await items.nth(1).getByRole("checkbox").check();
  const group = page.locator("#group-form");
  await group.getByLabel("Abwägungsergebnis").selectOption("noted");
  await group.getByLabel("Begründung").fill("Zur Kenntnis genommen.");
  await group.getByRole("button", { name: "Für Auswahl speichern" }).click();
  await expect(page.getByRole("status")).toContainText("Die Abwägung wurde gespeichert.");
  await expect(items.nth(0).getByRole("checkbox")).not.toBeChecked();
  await expect(items.nth(1).getByRole("checkbox")).not.toBeChecked();
  await expect(group.getByLabel("Abwägungsergebnis")).toHaveValue("");
  await expect(group.getByLabel("Begründung")).toHaveValue("");

  await group.getByLabel("Abwägungsergebnis").selectOption("not_accepted");
  await group.getByLabel("Begründung").fill("Abgelehnt.");
  await group.getByRole("button", { name: "Für Auswahl speichern" }).click();
  await expect(page.getByRole("alert")).toContainText("Bitte mindestens einen Beitrag auswählen.");
  await expect(items.nth(0).locator(".state-badge")).toHaveText("abgewogen, unveröffentlicht");
  await expectNoAxeViolations(page);
});

test("issue 12 item 5: a lock updates the access line and says why the text turned read-only", async ({
  browser,
}) => {
  const editor = await openSection(browser, "editor");
  const moderator = await openSection(browser, "moderator");
  const access = editor.locator(".facts div", { hasText: "Ihr Zugriff" }).locator("dd");
  await expect(access).toHaveText("Sie können diesen Abschnitt bearbeiten.");
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "true");
  await moderator.getByRole("button", { name: "Abschnitt sperren" }).click();
  await moderator.getByRole("dialog").getByRole("button", { name: "Abschnitt sperren" }).click();
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "false");
  await expect(access).toHaveText("Nur lesen: Die Moderation hat diesen Abschnitt gesperrt.");
  await expect(
    editor.getByRole("status").filter({ hasText: "Die Moderation hat den Abschnitt gesperrt" }),
  ).toBeVisible();
  await expectNoAxeViolations(editor);
  await moderator.getByRole("button", { name: "Sperre aufheben" }).click();
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "true");
  await expect(access).toHaveText("Sie können diesen Abschnitt bearbeiten.");
});

test("issue 12 item 6: the save state does not flicker while typing and shows offline at once", async ({
  browser,
  consoleErrors,
}) => {
  // The test takes the browser offline; its reconnect attempts fail as they should.
  consoleErrors.allow(/WebSocket connection to .* failed: .*ERR_INTERNET_DISCONNECTED/);
  // Another section than item 5's, so a lock left behind there cannot matter here.
  const page = await openSection(browser, "editor", "Ausgangslage");
  const state = page.locator("#editor-save-state");
  await expect(state).toHaveText("gespeichert");
  await page.evaluate(() => {
    const node = document.getElementById("editor-save-state")!;
    const seen: string[] = [];
    (window as unknown as { seenStates: string[] }).seenStates = seen;
    new MutationObserver(() => seen.push(node.textContent ?? "")).observe(node, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await editorBox(page).locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Ein etwas längerer Satz, Zeichen für Zeichen getippt.", {
    delay: 60,
  });
  await expect(state).toHaveText("gespeichert");
  const seen = await page.evaluate(
    () => (window as unknown as { seenStates: string[] }).seenStates,
  );
  // Before the fix every keystroke switched to "wird gespeichert …" and back.
  expect(seen.filter((s) => s === "wird gespeichert …").length).toBeLessThanOrEqual(1);

  await page.context().setOffline(true);
  await page.keyboard.type(" Offline getippt.");
  await expect(state).toHaveText("offline — Änderungen bleiben erhalten");
  await page.context().setOffline(false);
  await expect(state).toHaveText("gespeichert");
  await expect(editorBox(page)).toContainText("Offline getippt.");
});

test("issue 12 item 8: the consultation-wide thread list says the consultation has no comments", async ({
  page,
}) => {
  // A consultation of its own: the demo's gets comments from other specs.
  await login(page, "admin");
  await page.getByLabel("Titel des Verfahrens").fill(`Ohne Kommentare ${Date.now()}`);
  await page.getByRole("button", { name: "Verfahren anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verfahren bearbeiten" })).toBeVisible();
  const base = new URL(page.url()).pathname.replace(/\/settings$/, "");
  await page.goto(`${base}/threads`);
  await expect(page.getByText("In diesem Verfahren gibt es noch keine Kommentare.")).toBeVisible();
  await expect(page.getByText("Zu diesem Abschnitt gibt es noch keine Kommentare.")).toHaveCount(0);
});

test("issue 12 item 9: comparing a state with itself is explained on the compare page", async ({
  page,
}) => {
  await login(page, "moderator");
  const base = await openDemoConsultation(page);
  const response = await page.goto(`${base}/versions/compare?from=current&to=current`);
  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole("heading", { level: 1, name: "Fassungen vergleichen" }),
  ).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Bitte zwei verschiedene Stände wählen.");
  await expect(page.getByLabel("Neuere Fassung")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});

test("issue 12 item 10: every page links an icon and /favicon.ico answers", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  expect((await page.request.get(href!)).status()).toBe(200);
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\//);
});

test("issue 12 item 4: an accepted suggestion shows „übernommen“ with old and new wording, who and when", async ({
  browser,
}) => {
  // A passage no other spec touches (comments.spec accepts a suggestion in "Digitale Souveränität").
  const section = "Interoperabilität";
  const contributor = await openSection(browser, "contributor", section);
  const editor = await openSection(browser, "editor", section);
  const sidebar = (page: Page) => page.getByRole("complementary", { name: /Kommentare/ });
  await expect(editor.locator("#editor-save-state")).toHaveText("gespeichert");
  await expect(contributor.locator("#section-editor")).toHaveAttribute("contenteditable", "false");
  await selectInEditor(contributor, "vollständiger Datenexport");
  await sidebar(contributor).getByRole("button", { name: "Änderung vorschlagen" }).click();
  const form = sidebar(contributor).getByRole("form", { name: "Neuer Änderungsvorschlag" });
  await form.getByLabel("Vorgeschlagene Formulierung").fill("lückenloser Datenexport");
  await form.getByRole("button", { name: "Absenden" }).click();
  const suggestion = (page: Page) =>
    sidebar(page).getByRole("article").filter({ hasText: "lückenloser Datenexport" });
  await suggestion(editor).getByRole("button", { name: "Übernehmen" }).click();
  await expect(editor.locator("#section-editor")).toContainText("lückenloser Datenexport");

  for (const page of [editor, contributor]) {
    await page.reload();
    const card = suggestion(page);
    await expect(card.getByText("übernommen", { exact: true })).toBeVisible();
    await expect(card.getByText("Textstelle entfernt")).toHaveCount(0);
    await expect(card.locator("del")).toHaveText("vollständiger Datenexport");
    await expect(card.locator("ins")).toHaveText("lückenloser Datenexport");
    await expect(card).toContainText(/übernommen von Stefan Wagner am \d/);
  }
  await expectNoAxeViolations(editor);
});
