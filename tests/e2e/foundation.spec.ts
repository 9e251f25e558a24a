import { expect, test, type Page } from "./fixtures.ts";
import { DEMO_PASSWORD, demoLogins } from "#server/seed/demo-data.ts";
import { demoEmail, expectNoAxeViolations, login, openDemoConsultation } from "./helpers.ts";

test.describe.configure({ mode: "serial" });

async function statusOf(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  return response?.status() ?? 0;
}

test("the login page is accessible and refuses a wrong password with a clear message", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("E-Mail-Adresse").fill(demoEmail("editor"));
  await page.getByLabel(/^Passwort/).fill("falsches Passwort");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("alert")).toContainText("E-Mail-Adresse oder Passwort ist falsch.");
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(demoEmail("editor"));
  await expectNoAxeViolations(page);
});

test("every demo login printed at start works", async ({ page }) => {
  expect(demoLogins.length).toBeGreaterThanOrEqual(5);
  for (const account of [
    "admin",
    "moderator",
    "editor",
    "contributor",
    "releaser",
    "observer",
  ] as const) {
    await page.context().clearCookies();
    await login(page, account);
  }
});

test("a moderator sees and manages the consultation; every page passes axe", async ({
  page,
  consoleErrors,
}) => {
  // The test opens the admin pages as a moderator and expects the 403.
  consoleErrors.allow(/status of 403 \(Forbidden\) \(http:\/\/[^/]+\/admin\/users:/);
  await login(page, "moderator");
  await expectNoAxeViolations(page);
  const overview = await openDemoConsultation(page);
  await expect(page.getByRole("heading", { name: "Abschnitte" })).toBeVisible();
  const sectionRows = page.locator("#sections-heading + .table-scroll table tbody tr");
  expect(await sectionRows.count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByRole("link", { name: "Mitglieder und Rollen" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Digitale Souveränität" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Digitale Souveränität");
  await expect(page.getByRole("heading", { name: "Abschnitt verwalten" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`${overview}/members`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Mitglieder und Rollen" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`${overview}/audit`);
  await expect(page.getByRole("heading", { level: 1, name: "Protokoll" })).toBeVisible();
  await expectNoAxeViolations(page);

  expect(await statusOf(page, "/admin/users")).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keine Berechtigung");
});

test("an admin manages users and organisations; forms keep input and explain errors", async ({
  page,
}) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Benutzer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Benutzer" })).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.locator("form", {
    has: page.getByRole("button", { name: "Benutzer anlegen" }),
  });
  await form.getByLabel("Name", { exact: false }).first().fill("Erika Mustermann");
  await form.getByLabel("E-Mail-Adresse").fill("kein-gueltiger-wert");
  await form.getByRole("button", { name: "Benutzer anlegen" }).click();
  await expect(page.getByRole("alert")).toContainText("gültige E-Mail-Adresse");
  await expect(form.getByLabel("Name", { exact: false }).first()).toHaveValue("Erika Mustermann");
  await expectNoAxeViolations(page);
  await form.getByLabel("E-Mail-Adresse").fill("erika.mustermann@ratschlag.test");
  await form.getByLabel(/^Passwort/).fill("ein-langes-passwort");
  await form.getByRole("button", { name: "Benutzer anlegen" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Das Konto für Erika Mustermann wurde angelegt.",
  );
  await expect(page.getByText("erika.mustermann@ratschlag.test")).toBeVisible();

  await page.getByRole("link", { name: "Organisationen" }).click();
  await expect(page.getByRole("cell", { name: "Stadtwerke", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an editor reads and may edit sections but manages nothing", async ({ page }) => {
  await login(page, "editor");
  const overview = await openDemoConsultation(page);
  await expect(page.getByRole("link", { name: "Mitglieder und Rollen" })).toHaveCount(0);
  await page.getByRole("link", { name: "Datenschutz", exact: true }).click();
  await expect(page.getByText("Sie können diesen Abschnitt bearbeiten.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Abschnitt verwalten" })).toHaveCount(0);
  expect(await statusOf(page, `${overview}/members`)).toBe(403);
  expect(await statusOf(page, `${overview}/audit`)).toBe(403);
  expect(await statusOf(page, "/admin/organisations")).toBe(403);
});

test("a company contributor edits only the section granted to the Stadtwerke", async ({ page }) => {
  await login(page, "contributor");
  const overview = await openDemoConsultation(page);
  await page
    .getByRole("link", { name: "Zusammenarbeit mit den städtischen Gesellschaften" })
    .click();
  await expect(page.getByText("Sie können diesen Abschnitt bearbeiten.")).toBeVisible();
  await page.goto(overview);
  await page.getByRole("link", { name: "Ausgangslage", exact: true }).click();
  await expect(page.getByText(/Nur lesen: Ihre Rolle/)).toBeVisible();
});

test("an observer reads everything and gets 403 for every write and admin URL", async ({
  page,
}) => {
  await login(page, "observer");
  const overview = await openDemoConsultation(page);
  await page.getByRole("link", { name: "Cloud-Strategie", exact: true }).click();
  await expect(page.getByText(/Nur lesen: Ihre Rolle/)).toBeVisible();
  await expectNoAxeViolations(page);
  const section = new URL(page.url()).pathname;
  for (const path of [
    `${overview}/members`,
    `${overview}/audit`,
    "/admin/users",
    "/admin/organisations",
  ]) {
    expect(await statusOf(page, path), path).toBe(403);
  }
  const origin = new URL(page.url()).origin;
  const writes: [string, Record<string, string>][] = [
    [overview, { phase: "decided" }],
    [`${overview}/members`, { intent: "remove", userId: "00000000-0000-4000-8000-000000000000" }],
    [section, { intent: "lock" }],
    ["/admin/users", { intent: "create", email: "x@y.de", name: "X", password: "0123456789abc" }],
    ["/admin/organisations", { name: "X", shortName: "X", kind: "external" }],
  ];
  for (const [path, form] of writes) {
    const response = await page.request.post(path, { form, headers: { Origin: origin } });
    expect(response.status(), path).toBe(403);
  }
});

test("state-changing requests from another origin are refused, resource routes included", async ({
  page,
}) => {
  await login(page, "moderator");
  const overview = await openDemoConsultation(page);
  for (const path of [overview, "/logout", "/lang", "/login"]) {
    const foreign = await page.request.post(path, {
      form: { phase: "decided" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(foreign.status(), path).toBe(403);
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Innovations- und Cloud-Strategie",
  );
});

test("the language switch turns the UI English and stays after a new login", async ({ page }) => {
  await login(page, "editor");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My consultations" })).toBeVisible();
  await openDemoConsultation(page);
  await expect(page.getByRole("heading", { name: "Sections" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
  // A new browser picks the language up from the account.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(demoEmail("editor"));
  await page.getByLabel(/^Passwort/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My consultations" })).toBeVisible();
  // Switching back while signed in stores German on the account again for the other tests.
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meine Verfahren" })).toBeVisible();
});

test("unknown pages and ids answer 404 with a helpful page, and logout ends the session", async ({
  page,
}) => {
  await login(page, "releaser");
  expect(await statusOf(page, "/does-not-exist")).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Seite nicht gefunden");
  await expectNoAxeViolations(page);
  expect(await statusOf(page, "/c/00000000-0000-4000-8000-000000000000")).toBe(404);
  expect(await statusOf(page, "/c/not-a-uuid/s/also-not")).toBe(404);
  await page.goto("/");
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin sets up a new consultation with deadlines and a first section", async ({ page }) => {
  await login(page, "admin");
  await page.getByLabel("Titel des Verfahrens").fill("Digitalstrategie Schulen");
  await page.getByRole("button", { name: "Verfahren anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verfahren bearbeiten" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Ende der Phase „Entwurf“").fill("2020-01-01T10:00");
  await page.getByLabel("Ende der Phase „Beteiligung“").fill("2099-03-31T18:00");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByRole("alert")).toContainText("Die Frist liegt in der Vergangenheit.");
  await expect(page.getByLabel("Ende der Phase „Beteiligung“")).toHaveValue("2099-03-31T18:00");
  await expectNoAxeViolations(page);
  await page.getByLabel("Ende der Phase „Entwurf“").fill("2099-01-15T12:00");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByRole("status")).toHaveText("Gespeichert.");

  await page.locator("#field-sectionTitle").fill("Ausgangslage an den Schulen");
  await page.getByRole("button", { name: "Abschnitt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "1. Ausgangslage an den Schulen",
  );
  await page.getByRole("link", { name: "Digitalstrategie Schulen" }).click();
  await expect(page.getByRole("cell", { name: /15\.01\.2099, 12:00/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ausgangslage an den Schulen" })).toBeVisible();
});
