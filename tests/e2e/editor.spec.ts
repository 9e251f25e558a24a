import { expect, test, type Browser, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation, type DemoAccount } from "./helpers.ts";

const SECTION = "Zusammenarbeit mit den städtischen Gesellschaften";

async function openSection(browser: Browser, account: DemoAccount): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, account);
  await openDemoConsultation(page);
  await page.getByRole("link", { name: SECTION }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SECTION);
  return page;
}

const editorBox = (page: Page) =>
  page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });

test("an editor and a granted company contributor write together and see each other live", async ({
  browser,
}) => {
  const editor = await openSection(browser, "editor");
  const contributor = await openSection(browser, "contributor");
  const observer = await openSection(browser, "observer");

  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "true");
  await expect(editorBox(contributor)).toHaveAttribute("contenteditable", "true");
  await expect(editorBox(observer)).toHaveAttribute("contenteditable", "false");
  await expect(observer.getByRole("toolbar")).toHaveCount(0);
  await expect(observer.getByRole("status").filter({ hasText: "Nur lesen" })).toBeVisible();

  await editorBox(editor).locator("p").first().click();
  await editor.keyboard.press("End");
  await editor.keyboard.type(" Ergänzung-der-Redaktion.");
  await editorBox(contributor).locator("p").last().click();
  await contributor.keyboard.press("End");
  await contributor.keyboard.type(" Hinweis-der-Stadtwerke.");

  for (const page of [editor, contributor, observer]) {
    await expect(editorBox(page)).toContainText("Ergänzung-der-Redaktion.");
    await expect(editorBox(page)).toContainText("Hinweis-der-Stadtwerke.");
  }
  await expect(editor.locator(".collab-caret-label", { hasText: "Julia Schäfer" })).toBeVisible();
  await expect(
    contributor.locator(".collab-caret-label", { hasText: "Stefan Wagner" }),
  ).toBeVisible();
  await expect(editor.locator(".presence")).toContainText("Julia Schäfer");
  await expect(editor.locator("#editor-save-state")).toHaveText("gespeichert");
  await expect(contributor.locator("#editor-save-state")).toHaveText("gespeichert");

  await expect(observer.getByText(/Nur lesen/).first()).toBeVisible();
  await editorBox(observer).click();
  await observer.keyboard.type("darf-nicht-erscheinen");
  await expect(editorBox(observer)).not.toContainText("darf-nicht-erscheinen");

  await expectNoAxeViolations(editor);
  await expectNoAxeViolations(observer);

  await editor.reload();
  await expect(editor.locator(".section-text").first()).toContainText("Hinweis-der-Stadtwerke.");
  await expect(editorBox(editor)).toContainText("Ergänzung-der-Redaktion.");

  // Without JavaScript the server renders the current text.
  const html = await (await editor.request.get(editor.url())).text();
  expect(html).toContain("Hinweis-der-Stadtwerke.");
});

test("the toolbar formats text with the keyboard alone", async ({ browser }) => {
  const page = await openSection(browser, "editor");
  await editorBox(page).locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Neue Zwischenüberschrift");
  // The toolbar is one tab stop; arrow keys move inside it (WAI-ARIA toolbar pattern).
  await page.getByRole("button", { name: "H2" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("button", { name: "H3" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("button", { name: "H2" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(
    editorBox(page).locator("h2", { hasText: "Neue Zwischenüberschrift" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "H2" })).toHaveAttribute("aria-pressed", "true");
  // Applying a format returns the focus to the text, so typing goes on where it was.
  await page.keyboard.type(" Teil 2");
  await expect(editorBox(page).locator("h2")).toContainText("Neue Zwischenüberschrift Teil 2");
  await expect(page.locator("#editor-save-state")).toHaveText("gespeichert");
});

test("a moderator's lock turns open editors read-only at once", async ({ browser }) => {
  const editor = await openSection(browser, "editor");
  const moderator = await openSection(browser, "moderator");
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "true");
  await moderator.getByRole("button", { name: "Abschnitt sperren" }).click();
  await moderator.getByRole("dialog").getByRole("button", { name: "Abschnitt sperren" }).click();
  await expect(moderator.getByText("Der Abschnitt ist gesperrt: Niemand")).toBeVisible();
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "false");
  await moderator.getByRole("button", { name: "Sperre aufheben" }).click();
  await expect(editorBox(editor)).toHaveAttribute("contenteditable", "true");
});

test("logging out in another tab ends the open editor's session cleanly, with no browser error", async ({
  browser,
}) => {
  // Two tabs of one browser share the session cookie and IndexedDB. The logout answer clears the
  // site's storage (Clear-Site-Data) while the other tab's offline copy is open.
  const editor = await openSection(browser, "editor");
  await editorBox(editor).locator("p").first().click();
  await editor.keyboard.press("End");
  await editor.keyboard.type(" Vor-der-Abmeldung.");
  await expect(editor.locator("#editor-save-state")).toHaveText("gespeichert");

  const other = await editor.context().newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Abmelden" }).click();
  await expect(other).toHaveURL(/\/login/);

  // The editor's tab learns at once that the session ended and goes to the login page.
  await expect(editor).toHaveURL(/\/login/);
  // Give the browser time to report a late storage error: the fixture fails the test on one.
  await editor.waitForTimeout(1_500);
});
