import { expect, test, type Browser, type Page } from "./fixtures.ts";
import {
  expectNoAxeViolations,
  login,
  openDemoConsultation,
  selectInEditor,
  type DemoAccount,
} from "./helpers.ts";

const editorBox = (page: Page) =>
  page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });

async function signedIn(browser: Browser, account: DemoAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, account);
  return page;
}

/** Chooses the option of a history point select whose label names the version. */
async function choose(page: Page, label: "Von" | "Bis", version: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator("option", { hasText: version }).getAttribute("value");
  await select.selectOption(value!);
}

/** Types at the end of the section's last paragraph and waits until the server stored it. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await expect(editorBox(page)).toHaveAttribute("contenteditable", "true", { timeout: 30_000 });
  await editorBox(page).locator("p").last().click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
  await expect(editorBox(page)).toContainText(text.trim());
  await expect(page.locator("#editor-save-state")).toHaveText("gespeichert");
}

/**
 * A section of the test's own (other specs' edits and locks do not matter) in which the
 * moderator and then the editor typed a sentence each; both pages stay open on it.
 */
async function sectionWrittenByTwo(browser: Browser) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const title = `Verlauf-Test ${suffix}`;
  const moderator = await signedIn(browser, "moderator");
  const base = await openDemoConsultation(moderator);
  await moderator.goto(`${base}/settings`);
  await moderator.getByRole("textbox", { name: "Abschnitt", exact: true }).fill(title);
  await moderator.getByRole("button", { name: "Abschnitt anlegen" }).click();
  // The redirect to the new section can take long on a loaded machine.
  await expect(moderator.getByRole("heading", { level: 1 })).toContainText(title, {
    timeout: 30_000,
  });
  const sectionPath = new URL(moderator.url()).pathname;
  await typeAtEnd(moderator, "Absatz-der-Moderation wird-wieder-gestrichen");

  const editor = await signedIn(browser, "editor");
  await editor.goto(sectionPath);
  await typeAtEnd(editor, " Ergänzung-der-Redaktion.");
  return { suffix, title, base, sectionPath, moderator, editor };
}

// Two signed-in browsers on a machine shared by several test runs need more than 90 s.
const SLOW = 360_000;

test("the history shows who wrote which passage, as overlay with legend and as list", async ({
  browser,
}) => {
  test.setTimeout(SLOW);
  const { title, sectionPath, moderator } = await sectionWrittenByTwo(browser);

  // From the start to now: both people in the legend and the list, their passages marked.
  // The section page links to its history (followed with goto: a click before hydration on a
  // loaded machine can outlast the expect timeout).
  await moderator.reload();
  const link = moderator.getByRole("link", { name: "Verlauf: wer hat was geändert?" });
  await expect(link).toHaveAttribute("href", `${sectionPath}/history`);
  await moderator.goto(`${sectionPath}/history`);
  await expect(moderator.getByRole("heading", { level: 1 })).toHaveText(
    `Wer hat was geändert: ${title}`,
  );
  const legend = moderator.locator(".history-legend");
  await expect(legend).toContainText("Katrin Lehmann (Hauptamt / Digitalisierung)");
  await expect(legend).toContainText("Stefan Wagner (Rechtsamt / Datenschutz)");
  const text = moderator.locator(".history-text");
  const moderatorPassage = text.locator("ins", { hasText: "Absatz-der-Moderation" });
  await expect(moderatorPassage).toContainText(
    "eingefügt von Katrin Lehmann (Hauptamt / Digitalisierung)",
  );
  await expect(moderatorPassage.locator("sup")).toHaveText("1");
  const editorPassage = text.locator("ins", { hasText: "Ergänzung-der-Redaktion." });
  await expect(editorPassage).toContainText(
    "eingefügt von Stefan Wagner (Rechtsamt / Datenschutz)",
  );
  await expect(editorPassage.locator("sup")).toHaveText("2");
  const list = moderator.locator(".history-list");
  await expect(
    list.getByRole("heading", { level: 3, name: /Stefan Wagner \(Rechtsamt \/ Datenschutz\)/ }),
  ).toBeVisible();
  await expect(list.locator("li", { hasText: "Ergänzung-der-Redaktion." })).toContainText(
    "Eingefügt, zuletzt am",
  );
  await expectNoAxeViolations(moderator);
});

test("from a version on, the history shows a deletion by its author; the points are checked", async ({
  browser,
}) => {
  test.setTimeout(SLOW);
  const { suffix, base, sectionPath, moderator, editor } = await sectionWrittenByTwo(browser);

  // A version, then the editor deletes the moderator's words: from that version on, the
  // deletion is the editor's and the older text shows unmarked.
  const versionName = `Verlauf-Fassung ${suffix}`;
  await moderator.goto(`${base}/versions`);
  await moderator.getByLabel("Name der Fassung").fill(versionName);
  await moderator.getByRole("button", { name: "Fassung einfrieren" }).first().click();
  await moderator.getByRole("dialog").getByRole("button", { name: "Fassung einfrieren" }).click();
  await expect(moderator.getByRole("status").filter({ hasText: versionName })).toBeVisible();
  await editor.reload();
  await expect(editorBox(editor)).toContainText("wird-wieder-gestrichen");
  await selectInEditor(editor, " wird-wieder-gestrichen");
  await editor.keyboard.press("Backspace");
  await expect(editorBox(editor)).not.toContainText("wird-wieder-gestrichen");
  await expect(editor.locator("#editor-save-state")).toHaveText("gespeichert");

  // Choosing the points with the keyboard alone.
  await moderator.goto(`${sectionPath}/history`);
  await choose(moderator, "Von", versionName);
  await moderator.getByRole("button", { name: "Verlauf anzeigen" }).focus();
  await moderator.keyboard.press("Enter");
  await expect(moderator).toHaveURL(/from=/);
  const deleted = moderator.locator(".history-text del", { hasText: "wird-wieder-gestrichen" });
  await expect(deleted).toContainText("gelöscht von Stefan Wagner (Rechtsamt / Datenschutz)");
  await expect(moderator.locator(".history-text ins")).toHaveCount(0);
  await expect(moderator.locator(".history-text")).toContainText("Absatz-der-Moderation");
  await expect(moderator.locator(".history-legend")).not.toContainText("Katrin Lehmann");
  await expect(
    moderator.locator(".history-list li", { hasText: "wird-wieder-gestrichen" }),
  ).toContainText("Gelöscht, zuletzt am");
  await expectNoAxeViolations(moderator);

  // "To" before "From" is explained next to the choice.
  await choose(moderator, "Von", versionName);
  await choose(moderator, "Bis", versionName);
  await moderator.getByRole("button", { name: "Verlauf anzeigen" }).click();
  await expect(moderator.getByText("„Bis“ muss nach „Von“ liegen.").first()).toBeVisible();

  // At 390 px nothing runs off the side (observers' access is covered in the vitest suite).
  await moderator.setViewportSize({ width: 390, height: 800 });
  await moderator.goto(`${sectionPath}/history`);
  await expect(moderator.locator(".history-legend")).toContainText("Stefan Wagner");
  const overflow = await moderator.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
