import { expect, test, type Page } from "./fixtures.ts";
import { expectNoAxeViolations, login, openDemoConsultation, selectInEditor } from "./helpers.ts";

/*
 * Issue 12 items 11, 12 and 17: irreversible actions ask first in an accessible dialog, every
 * listed action says what happened in a status message, and the position page names who may
 * release it. The admin works in consultations of its own, so the demo data stays as it is.
 */

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates a consultation as the signed-in admin; returns its base path. */
async function newConsultation(page: Page, title: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel(/^Titel des Verfahrens/).fill(title);
  await page.getByRole("button", { name: "Verfahren anlegen" }).click();
  await expect(page).toHaveURL(/\/c\/[^/]+\/settings$/);
  return new URL(page.url()).pathname.replace(/\/settings$/, "");
}

/** Adds a section on the settings page and lands on it. */
async function newSection(page: Page, base: string, title: string): Promise<void> {
  await page.goto(`${base}/settings`);
  await page.getByLabel(/^Abschnitt( \*)?$/).fill(title);
  await page.getByRole("button", { name: "Abschnitt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
}

/** The open confirmation dialog with the given heading. */
const dialog = (page: Page, name: string | RegExp) => page.getByRole("dialog", { name });

/** The status message that holds the text (pages also have live-update regions). */
const status = (page: Page, text: string | RegExp) =>
  page.getByRole("status").filter({ hasText: text });

/** Adds a person (by name, their first organisation) to the consultation with a role. */
async function addMember(page: Page, base: string, name: string, role: string): Promise<void> {
  await page.goto(`${base}/members`);
  const person = page.getByLabel("Person und Organisation");
  const value = await person.locator("option", { hasText: name }).first().getAttribute("value");
  await person.selectOption(value!);
  await page.getByLabel("Rolle", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Hinzufügen" }).click();
  await expect(status(page, `${name} wurde dem Verfahren hinzugefügt.`)).toBeVisible();
}

test("locking a section and changing the phase ask first; cancel and Escape keep things as they are", async ({
  page,
}) => {
  test.slow(); // many page loads on a shared machine
  await login(page, "admin");
  const base = await newConsultation(page, `Bestätigungen ${unique()}`);
  await newSection(page, base, "Prüfabschnitt");

  const lock = page.getByRole("button", { name: "Abschnitt sperren" });
  await lock.click();
  const lockDialog = dialog(page, "Abschnitt sperren?");
  await expect(lockDialog).toBeVisible();
  await expect(lockDialog).toContainText("„Prüfabschnitt“");
  await expect(lockDialog.getByRole("button", { name: "Abbrechen" })).toBeFocused();
  await expectNoAxeViolations(page);
  // Escape cancels, and the focus goes back to the button that opened the dialog.
  await page.keyboard.press("Escape");
  await expect(lockDialog).toBeHidden();
  await expect(lock).toBeFocused();
  await expect(page.getByText("Der Abschnitt ist gesperrt: Niemand")).toHaveCount(0);
  // "Abbrechen" cancels as well.
  await lock.click();
  await lockDialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(lockDialog).toBeHidden();
  await expect(lock).toBeFocused();
  await expect(page.getByRole("button", { name: "Sperre aufheben" })).toHaveCount(0);
  // Confirming locks, and the page says so.
  await lock.click();
  await lockDialog.getByRole("button", { name: "Abschnitt sperren" }).click();
  await expect(status(page, "Der Abschnitt ist gesperrt.")).toBeVisible();
  await expect(page.getByText("Der Abschnitt ist gesperrt: Niemand")).toBeVisible();
  // Lifting the lock is harmless: no question, but a message.
  await page.getByRole("button", { name: "Sperre aufheben" }).click();
  await expect(status(page, "Die Sperre des Abschnitts ist aufgehoben.")).toBeVisible();

  await page.goto(base);
  const phase = page.locator("dl.facts dd").first();
  await expect(phase).toHaveText("Entwurf");
  await page.getByLabel("Phase ändern").selectOption("consultation");
  await page.getByRole("button", { name: "Phase übernehmen" }).click();
  const phaseDialog = dialog(page, "Phase wechseln?");
  await expect(phaseDialog).toContainText("in die Phase „Beteiligung“");
  await expectNoAxeViolations(page);
  await phaseDialog.getByRole("button", { name: "Abbrechen" }).click();
  await page.reload();
  await expect(phase).toHaveText("Entwurf");
  await page.getByLabel("Phase ändern").selectOption("consultation");
  await page.getByRole("button", { name: "Phase übernehmen" }).click();
  await phaseDialog.getByRole("button", { name: "Phase wechseln" }).click();
  await expect(status(page, "Die Phase wurde geändert.")).toBeVisible();
  await expect(phase).toHaveText("Beteiligung");
});

test("removing a member asks first; adding, removing and role changes say what happened", async ({
  page,
}) => {
  await login(page, "admin");
  const base = await newConsultation(page, `Mitglieder ${unique()}`);
  await addMember(page, base, "Julia Schäfer", "contributor");

  const row = page.getByRole("row").filter({ hasText: "Julia Schäfer" });
  await row.getByLabel(/Rolle/).selectOption("observer");
  await row.getByRole("button", { name: /Rolle ändern/ }).click();
  await expect(status(page, "Die Rolle von Julia Schäfer wurde geändert.")).toBeVisible();

  const remove = row.getByRole("button", { name: "Entfernen (Julia Schäfer)" });
  await remove.click();
  const removeDialog = dialog(page, "Julia Schäfer aus dem Verfahren entfernen?");
  await expect(removeDialog).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(removeDialog).toBeHidden();
  await expect(row).toHaveCount(1);
  await remove.click();
  await removeDialog.getByRole("button", { name: "Aus dem Verfahren entfernen" }).click();
  await expect(status(page, "Die Person wurde aus dem Verfahren entfernt.")).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("publishing dispositions and freezing a version ask first; requirement status and version say what happened", async ({
  page,
}) => {
  test.slow(); // many page loads on a shared machine
  await login(page, "admin");
  const base = await newConsultation(page, `Fassungen ${unique()}`);
  await newSection(page, base, "Datenräume");
  // Requirements speak for an organisation: the admin joins as a moderator of the department.
  await addMember(page, base, "Jan Hoffmann", "moderator");

  // A requirement is submitted (a redirect that says so), and its status changed.
  await page.goto(`${base}/requirements/new`);
  await page.getByLabel("Titel").fill("Offene Schnittstellen für Datenräume");
  await page.getByLabel("Beschreibung").fill("Alle Datenräume brauchen offene Schnittstellen.");
  await page.getByLabel("Kategorie").selectOption({ index: 1 });
  await page.getByLabel("Priorität").selectOption({ index: 1 });
  await page.getByLabel("1. Datenräume").check();
  await page.getByRole("button", { name: "Anforderung einreichen" }).click();
  await expect(page).toHaveURL(/done=requirement-submitted/);
  await expect(status(page, "Ihre Anforderung wurde eingereicht.")).toBeVisible();
  await page.getByLabel(/Status von/).selectOption("in_review");
  await page.getByRole("button", { name: /Status ändern/ }).click();
  await expect(status(page, "Der Status der Anforderung ist jetzt „in Prüfung“.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Publishing dispositions asks first and says how many become visible.
  await page.goto(`${base}/consolidation`);
  const item = page.locator(".feedback-item").first();
  await item.getByLabel("Abwägungsergebnis").selectOption("accepted");
  await item.getByLabel("Begründung").fill("Wird in Abschnitt 1 aufgenommen.");
  await item.getByRole("button", { name: "Abwägung speichern" }).click();
  await expect(status(page, "Die Abwägung wurde gespeichert.")).toBeVisible();
  const publish = page.getByRole("button", { name: "Abwägungen veröffentlichen (1)" });
  await publish.click();
  const publishDialog = dialog(page, "Abwägungen veröffentlichen?");
  await expect(publishDialog).toContainText("1 Abwägung wird für alle Beteiligten");
  await expect(publishDialog).toContainText("Dies kann nicht rückgängig gemacht werden.");
  await expectNoAxeViolations(page);
  await publishDialog.getByRole("button", { name: "Abbrechen" }).click();
  await page.reload();
  await expect(publish).toBeVisible();
  await publish.click();
  await publishDialog.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect(status(page, "Die Abwägungen wurden veröffentlicht.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Abwägungen veröffentlichen (0)" })).toBeVisible();

  // Freezing a version asks first, naming it; the message names the stored version.
  await page.goto(`${base}/versions`);
  await page.getByLabel(/Name der Fassung/).fill("Prüffassung");
  const freeze = page.getByRole("button", { name: "Fassung einfrieren" });
  await freeze.click();
  const freezeDialog = dialog(page, "Fassung einfrieren?");
  await expect(freezeDialog).toContainText("als Fassung „Prüffassung“ gespeichert");
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(freeze).toBeFocused();
  await expect(page.getByText("Noch keine Fassung eingefroren.")).toBeVisible();
  await freeze.click();
  await freezeDialog.getByRole("button", { name: "Fassung einfrieren" }).click();
  await expect(status(page, "Fassung „Prüffassung“ gespeichert.")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Prüffassung");
  await page.getByRole("link", { name: "Fassung „Prüffassung“ ansehen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Prüffassung");
});

test("deleting a comment asks first; cancel keeps it, confirm deletes it", async ({ page }) => {
  test.slow(); // many page loads on a shared machine
  await login(page, "admin");
  const base = await newConsultation(page, `Kommentare ${unique()}`);
  await newSection(page, base, "Kommentarprobe");
  const editor = page.getByRole("textbox", { name: /Text des Abschnitts bearbeiten/ });
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  await page.keyboard.type("Die Verwaltung arbeitet papierlos.");
  await expect(page.locator("#editor-save-state")).toHaveText(/gespeichert/);
  await selectInEditor(page, "papierlos");
  const sidebar = page.getByRole("complementary", { name: /Kommentare/ });
  await sidebar.getByRole("button", { name: "Kommentieren", exact: true }).click();
  const form = sidebar.getByRole("form", { name: "Neuer Kommentar" });
  await form.getByRole("textbox", { name: /^Kommentar/ }).fill("Ab wann genau?");
  await form.getByRole("button", { name: "Absenden" }).click();
  const thread = sidebar.getByRole("article").filter({ hasText: "Ab wann genau?" });
  await expect(thread).toBeVisible();

  const remove = thread.getByRole("button", { name: "Löschen" });
  await remove.click();
  const deleteDialog = dialog(page, "Kommentar löschen?");
  await expect(deleteDialog).toContainText("Dies kann nicht rückgängig gemacht werden.");
  await expectNoAxeViolations(page);
  await deleteDialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(deleteDialog).toBeHidden();
  await expect(thread).toContainText("Ab wann genau?");
  await remove.click();
  await deleteDialog.getByRole("button", { name: "Kommentar löschen" }).click();
  await expect(sidebar.getByText("Kommentar gelöscht")).toBeVisible();
  await expect(sidebar.getByText("Ab wann genau?")).toHaveCount(0);
});

test("creating a user says so, and disabling an account asks first", async ({ page }) => {
  await login(page, "admin");
  const id = unique();
  const name = `Prüfperson ${id}`;
  await page.goto("/admin/users");
  const create = page.getByRole("region", { name: "Neuen Benutzer anlegen" });
  await create.getByLabel(/^Name/).fill(name);
  await create.getByLabel(/^E-Mail-Adresse/).fill(`pruef-${id}@ratschlag.test`);
  await create.getByLabel(/^Passwort/).fill("Kiefernzapfen-Laterne-Quarz-93");
  await create.getByRole("button", { name: "Benutzer anlegen" }).click();
  await expect(status(page, `Das Konto für ${name} wurde angelegt.`)).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: name });
  const disable = row.getByRole("button", { name: `Sperren (${name})` });
  await disable.click();
  const disableDialog = dialog(page, `Konto von ${name} sperren?`);
  await expect(disableDialog).toContainText("kann sich nicht mehr anmelden");
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(disable).toBeFocused();
  await expect(row).toContainText("aktiv");
  await disable.click();
  await disableDialog.getByRole("button", { name: "Konto sperren" }).click();
  await expect(status(page, `Das Konto von ${name} wurde gesperrt.`)).toBeVisible();
  await expect(row).toContainText("gesperrt");
  await row.getByRole("button", { name: `Entsperren (${name})` }).click();
  await expect(status(page, `Das Konto von ${name} wurde entsperrt.`)).toBeVisible();
});

test("logging out says „Sie wurden abgemeldet“; the login page shows no text from the URL", async ({
  page,
}) => {
  await login(page, "observer");
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login\?done=logged-out$/);
  await expect(status(page, "Sie wurden abgemeldet.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/login?done=%3Cb%3EGehackt%3C%2Fb%3E");
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  await expect(page.getByText("Gehackt")).toHaveCount(0);
  await expect(page.locator(".notice")).toHaveCount(0);
});

test("the position page names who may release it, and a saved draft says so", async ({
  browser,
}) => {
  const contributor = await (await browser.newContext()).newPage();
  await login(contributor, "contributor");
  const base = await openDemoConsultation(contributor);
  await contributor.goto(`${base}/measures`);
  await contributor.getByRole("link", { name: "M-03" }).click();
  await contributor.getByRole("link", { name: /^Stellungnahme meiner Organisation/ }).click();
  await expect(contributor.getByText("Freigeben können: Michael Braun")).toBeVisible();
  await contributor.getByLabel("Zustimmung", { exact: true }).check();
  await contributor.getByLabel("Begründung").fill("Passt zu unserer Netzplanung.");
  await contributor.getByRole("button", { name: "Als Entwurf speichern" }).click();
  await expect(status(contributor, "Der Entwurf wurde gespeichert.")).toBeVisible();
  await expect(contributor.getByText("Freigeben können: Michael Braun")).toBeVisible();
  await expectNoAxeViolations(contributor);

  // In the department of the editor nobody holds the release right: the page says so.
  const editor = await (await browser.newContext()).newPage();
  await login(editor, "editor");
  await editor.goto(contributor.url());
  await expect(
    editor.getByText(/hat zurzeit niemand das Recht, Stellungnahmen freizugeben/),
  ).toBeVisible();
  await expect(editor.getByText(/^Freigeben können:/)).toHaveCount(0);
});
