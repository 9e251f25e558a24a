import { expect, test, type Browser, type Page } from "./fixtures.ts";
import {
  expectNoAxeViolations,
  login,
  openDemoConsultation,
  selectInEditor,
  type DemoAccount,
} from "./helpers.ts";

const SECTION = "Digitale Souveränität";

async function openSection(browser: Browser, account: DemoAccount): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, account);
  await openDemoConsultation(page);
  await page.getByRole("link", { name: SECTION, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SECTION);
  await expect(page.locator("#editor-save-state")).toHaveText(/gespeichert|Nur lesen/);
  return page;
}

const sidebar = (page: Page) => page.getByRole("complementary", { name: /Kommentare/ });

test("a comment appears live for a second user, who replies; the author resolves it", async ({
  browser,
}) => {
  const author = await openSection(browser, "editor");
  const other = await openSection(browser, "moderator");

  await selectInEditor(author, "ihre Aufgaben selbstbestimmt erfüllen");
  await sidebar(author).getByRole("button", { name: "Kommentieren", exact: true }).click();
  const form = sidebar(author).getByRole("form", { name: "Neuer Kommentar" });
  await expect(form.locator("blockquote")).toHaveText("ihre Aufgaben selbstbestimmt erfüllen");

  // An empty comment is refused with a message; an over-long one keeps the typed text.
  await form.getByRole("button", { name: "Absenden" }).click();
  await expect(sidebar(author).getByText("Bitte ausfüllen.")).toBeVisible();
  const body = `<script>window.__pwned = true</script> Was heißt hier selbstbestimmt?`;
  await expect(form.getByRole("textbox", { name: /^Kommentar/ })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await form.getByRole("textbox", { name: /^Kommentar/ }).fill(body);
  await sidebar(author).getByRole("button", { name: "Absenden" }).click();

  const thread = (page: Page) =>
    sidebar(page).getByRole("article").filter({ hasText: "Was heißt hier selbstbestimmt?" });
  await expect(thread(author)).toBeVisible();
  await expect(thread(author)).toContainText("<script>window.__pwned = true</script>");
  expect(await author.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(author.locator("#section-editor .comment-anchor")).toHaveText(
    "ihre Aufgaben selbstbestimmt erfüllen",
  );

  // The second browser sees it without reloading, with the passage highlighted.
  await expect(thread(other)).toBeVisible();
  await expect(other.locator("#section-editor .comment-anchor")).toHaveText(
    "ihre Aufgaben selbstbestimmt erfüllen",
  );
  await thread(other).getByLabel("Antwort").fill("Gemeint ist: ohne Herstellerbindung.");
  await thread(other).getByRole("button", { name: "Antworten" }).click();
  await expect(thread(author)).toContainText("Gemeint ist: ohne Herstellerbindung.");

  // Clicking "Textstelle zeigen" marks the thread and the passage as active.
  await thread(author).getByRole("button", { name: "Textstelle zeigen" }).click();
  await expect(author.locator("#section-editor .comment-anchor-active")).toHaveCount(1);

  await expectNoAxeViolations(author);

  // The reply notified the author (bell in the header), and the moderators' list shows the thread.
  await expect(
    author.getByRole("link", { name: "Benachrichtigungen (1 ungelesen)" }),
  ).toBeVisible();
  const list = await other.context().newPage();
  await list.goto(new URL(other.url()).pathname.replace(/\/s\/.*$/, ""));
  await list.getByRole("link", { name: "Kommentare", exact: true }).click();
  await expect(list.getByRole("heading", { level: 1 })).toHaveText(
    "Alle Kommentare und Vorschläge",
  );
  await expect(
    list.getByRole("article").filter({ hasText: "Was heißt hier selbstbestimmt?" }),
  ).toBeVisible();
  await expectNoAxeViolations(list);
  await list.close();

  await thread(author).getByRole("button", { name: "Als erledigt markieren" }).click();
  await expect(thread(other).getByText("erledigt", { exact: true })).toBeVisible();
  await expect(other.locator("#section-editor .comment-anchor")).toHaveCount(0);

  // The author reads the notification about the reply and marks everything as read.
  await author.getByRole("link", { name: /^Benachrichtigungen/ }).click();
  await expect(author.getByRole("heading", { level: 1 })).toHaveText("Benachrichtigungen");
  await expect(author.getByText(/hat in einem Kommentar zu/).first()).toBeVisible();
  await expectNoAxeViolations(author);
  await author.getByRole("button", { name: "Alle als gelesen markieren" }).click();
  await expect(
    author.getByRole("link", { name: "Benachrichtigungen (0 ungelesen)" }),
  ).toBeVisible();
});

test("a Stadtwerke contributor suggests wording and a department editor accepts it", async ({
  browser,
}) => {
  const contributor = await openSection(browser, "contributor");
  const editor = await openSection(browser, "editor");
  await expect(contributor.locator("#section-editor")).toHaveAttribute("contenteditable", "false");

  await selectInEditor(contributor, "schrittweise verringert");
  await sidebar(contributor).getByRole("button", { name: "Änderung vorschlagen" }).click();
  const form = sidebar(contributor).getByRole("form", { name: "Neuer Änderungsvorschlag" });
  await form.getByLabel("Vorgeschlagene Formulierung").fill("bis 2030 deutlich verringert");
  await form.getByLabel("Begründung (optional)").fill("Ein Zieljahr macht es überprüfbar.");
  await form.getByRole("button", { name: "Absenden" }).click();

  const suggestion = (page: Page) =>
    sidebar(page).getByRole("article").filter({ hasText: "bis 2030 deutlich verringert" });
  await expect(suggestion(contributor)).toBeVisible();
  await expect(suggestion(contributor).getByRole("button", { name: "Übernehmen" })).toHaveCount(0);
  await expect(suggestion(editor)).toBeVisible();
  await expectNoAxeViolations(editor);

  await suggestion(editor).getByRole("button", { name: "Übernehmen" }).click();
  for (const page of [editor, contributor]) {
    await expect(page.locator("#section-editor")).toContainText(
      "Abhängigkeiten von einzelnen Herstellern sollen bis 2030 deutlich verringert werden.",
    );
    await expect(suggestion(page).getByText("übernommen", { exact: true })).toBeVisible();
  }
});

test("a thread whose passage is deleted stays visible as „Textstelle entfernt“", async ({
  browser,
}) => {
  const page = await openSection(browser, "editor");
  const passage = "Souveränität ist dabei kein Entweder-oder.";
  await selectInEditor(page, passage);
  await sidebar(page).getByRole("button", { name: "Kommentieren", exact: true }).click();
  await sidebar(page)
    .getByRole("form", { name: "Neuer Kommentar" })
    .getByRole("textbox", { name: /^Kommentar/ })
    .fill("Zu salopp formuliert.");
  await sidebar(page).getByRole("button", { name: "Absenden" }).click();
  const thread = sidebar(page).getByRole("article").filter({ hasText: "Zu salopp formuliert." });
  await expect(thread).toBeVisible();

  await page.locator("#section-editor").getByText(passage, { exact: false }).click();
  await selectInEditor(page, passage);
  await page.keyboard.press("Backspace");
  await expect(page.locator("#section-editor")).not.toContainText(passage);
  await expect(thread.getByText("Textstelle entfernt")).toBeVisible();
  await expect(thread.locator("blockquote")).toHaveText(passage);

  await page.reload();
  await expect(thread.getByText("Textstelle entfernt")).toBeVisible();
});
