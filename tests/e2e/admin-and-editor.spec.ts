import { expect, test, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation, selectInEditor } from "./helpers.ts";

const SECTION = "Kooperationen und Fördermittel";
// Long flows through several pages and accounts; the shared 2-core machine is slow.
test.describe.configure({ timeout: 480_000 });

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();

const status = (page: Page, text: string | RegExp) =>
  page.getByRole("status").filter({ hasText: text });

test("issue 12 items 23/24: the new-measure form hints the next free number; a measure is archived, shown on request, restored and deleted", async ({
  browser,
}) => {
  const editor = await (await browser.newContext()).newPage();
  await login(editor, "editor");
  const base = await openDemoConsultation(editor);
  await editor.goto(`${base}/measures/new`);
  const code = editor.getByLabel("Nr.");
  const placeholder = await code.getAttribute("placeholder");
  expect(placeholder).toMatch(/^M-\d+$/);
  await expect(editor.getByText(`Nächste freie Nummer: ${placeholder}`)).toBeVisible();
  await expectNoAxeViolations(editor);

  // The hinted number is free: a measure can be created with it.
  const title = `Archivtest ${stamp()}`;
  await code.fill(placeholder!);
  await editor.getByLabel("Titel").fill(title);
  await editor.getByLabel("Federführung").selectOption({ label: "Hauptamt / Digitalisierung" });
  await editor.getByLabel("Beginn (Quartal)").fill("2028-Q1");
  await editor.getByLabel("Ende (Quartal)").fill("2028-Q4");
  await editor.getByRole("button", { name: "Maßnahme anlegen" }).click();
  await expect(status(editor, "Die Maßnahme wurde angelegt.")).toBeVisible();
  const measureUrl = editor.url();

  await editor.getByRole("button", { name: "Archivieren" }).click();
  await expect(status(editor, "Die Maßnahme wurde archiviert.")).toBeVisible();
  await expect(editor.getByRole("heading", { level: 1 })).toContainText("archiviert");
  await expect(editor.getByText(/Archiviert am .* von /)).toBeVisible();
  await expect(editor.getByRole("link", { name: "Maßnahme bearbeiten" })).toHaveCount(0);
  await expectNoAxeViolations(editor);

  await editor.goto(`${base}/measures`);
  await expect(editor.getByRole("link", { name: title })).toHaveCount(0);
  await expect(editor.getByText(/archivierte Maßnahmen? (ist|sind) ausgeblendet/)).toBeVisible();
  await editor.getByLabel("Archivierte Maßnahmen anzeigen").check();
  await editor.getByRole("button", { name: "Filter anwenden" }).click();
  const row = editor.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("archiviert");
  await expectNoAxeViolations(editor);

  await row.getByRole("link", { name: title }).click();
  await editor.getByRole("button", { name: "Wiederherstellen" }).click();
  await expect(status(editor, "wurde wiederhergestellt")).toBeVisible();
  await editor.goto(`${base}/measures`);
  await expect(editor.getByRole("link", { name: title })).toBeVisible();

  // Only moderators delete, and only after confirming.
  const moderator = await (await browser.newContext()).newPage();
  await login(moderator, "moderator");
  await moderator.goto(measureUrl);
  await moderator.getByText("Endgültig löschen …").click();
  await expect(moderator.getByText(/wirklich|endgültig löschen\?/)).toBeVisible();
  await expectNoAxeViolations(moderator);
  await moderator.getByRole("button", { name: `Ja, ${placeholder} endgültig löschen` }).click();
  await expect(
    status(moderator, `Die Maßnahme ${placeholder} wurde endgültig gelöscht.`),
  ).toBeVisible();
  await expect(moderator.getByRole("link", { name: title })).toHaveCount(0);
});

test("issue 12 item 23: an admin edits an organisation and a user; a taken e-mail is refused in German, the typed values kept", async ({
  page,
}) => {
  const id = stamp();
  await login(page, "admin");
  await page.goto("/admin/organisations");
  await page.getByLabel("Name der Organisation").last().fill(`Testamt ${id}`);
  await page.getByLabel("Kürzel").last().fill(`T${id}`);
  await page.getByRole("button", { name: "Organisation anlegen" }).click();
  await expect(status(page, "Gespeichert.")).toBeVisible();

  const orgRow = page.getByRole("row", { name: new RegExp(`Testamt ${id}`) });
  await orgRow.getByText("Bearbeiten").click();
  await orgRow.getByLabel("Name der Organisation").fill(`Umbenanntes Amt ${id}`);
  await orgRow
    .getByLabel("Art", { exact: true })
    .selectOption({ label: "Städtische Gesellschaft" });
  await expectNoAxeViolations(page);
  await orgRow.getByRole("button", { name: /Speichern/ }).click();
  await expect(
    status(page, `Die Organisation „Umbenanntes Amt ${id}“ wurde gespeichert.`),
  ).toBeVisible();
  const renamed = page.getByRole("row", { name: new RegExp(`Umbenanntes Amt ${id}`) });
  await expect(renamed).toContainText("Städtische Gesellschaft");

  await page.goto("/admin/users");
  const email = `person-${id.toLowerCase()}@example.test`;
  // The new-user form's fields (the rows hold fields with the same labels).
  await page.locator("#field-name").fill(`Person ${id}`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill("Kastanienallee-Regenbogen-1789");
  await page.getByRole("button", { name: "Benutzer anlegen" }).click();
  await expect(status(page, `Das Konto für Person ${id} wurde angelegt.`)).toBeVisible();

  const userRow = page.getByRole("row", { name: new RegExp(`Person ${id}`) });
  await userRow.getByText("Name und E-Mail ändern").click();
  await userRow.locator('input[name="name"]').fill(`Person ${id} Neu`);
  await userRow.locator('input[name="email"]').fill("  MODERATOR@ratschlag.test ");
  await userRow.getByRole("button", { name: /Speichern/ }).click();
  const edited = page.getByRole("row", { name: new RegExp(`Person ${id}`) });
  await expect(edited.getByText("Diese E-Mail-Adresse wird bereits verwendet.")).toBeVisible();
  await expect(edited.locator('input[name="name"]')).toHaveValue(`Person ${id} Neu`);
  await expect(edited.getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page);

  await edited.locator('input[name="email"]').fill(`  Neu-${email.toUpperCase()} `);
  await edited.getByRole("button", { name: /Speichern/ }).click();
  await expect(status(page, `Die Angaben von Person ${id} Neu wurden gespeichert.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Person ${id} Neu`) })).toContainText(
    `neu-${email}`,
  );
});

test("issue 12 item 24: the editor strikes text through and undoes and redoes with labelled buttons", async ({
  page,
}) => {
  await login(page, "editor");
  await openDemoConsultation(page);
  await page.getByRole("link", { name: SECTION }).click();
  const box = page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });
  await expect(box).toHaveAttribute("contenteditable", "true");
  const undo = page.getByRole("button", { name: "Rückgängig" });
  const redo = page.getByRole("button", { name: "Wiederholen" });
  await expect(undo).toHaveAttribute("aria-disabled", "true");
  await expect(redo).toHaveAttribute("aria-disabled", "true");

  const word = `Streichkandidat${stamp()}`;
  await box.locator("p").first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(` ${word}`);
  await expect(undo).not.toHaveAttribute("aria-disabled", "true");
  await selectInEditor(page, word);
  await page.getByRole("button", { name: "Durchgestrichen" }).click();
  await expect(box.locator("s", { hasText: word })).toBeVisible();
  await expect(page.getByRole("button", { name: "Durchgestrichen" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expectNoAxeViolations(page);

  await undo.click();
  await expect(box.locator("s", { hasText: word })).toHaveCount(0);
  await expect(redo).not.toHaveAttribute("aria-disabled", "true");
  await redo.click();
  await expect(box.locator("s", { hasText: word })).toBeVisible();
  // The keyboard shortcut still undoes (the collaboration history, not a second one).
  await box.click();
  await page.keyboard.press("Control+z");
  await expect(box.locator("s", { hasText: word })).toHaveCount(0);
  await redo.click();
  await expect(box.locator("s", { hasText: word })).toBeVisible();
  await expect(page.locator("#editor-save-state")).toHaveText("gespeichert");

  // The struck-through text is stored: the server renders it struck through too.
  await page.reload();
  await expect(page.locator(".section-text s", { hasText: word }).first()).toBeVisible();
});
