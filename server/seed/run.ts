/**
 * `npm run db:seed`: migrates the configured database and writes the demo consultation.
 * This explicit command is the only way the demo data reaches a server (DATABASE_URL) database.
 */
import { openDatabase, type DatabaseHandle } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { loadConfig } from "#server/config.ts";
import { DEMO_CONSULTATION_TITLE, DEMO_PASSWORD, seedDemo, type DemoLogin } from "./demo.ts";

function loginTable(logins: DemoLogin[]): string {
  const header = ["Role", "E-mail", "Name", "Organisation", "Note"];
  const rows = logins.map((login) => [
    login.role,
    login.email,
    login.name,
    login.organisation,
    [
      login.isAdmin ? "platform admin" : "",
      login.canReleasePositions ? "may release positions" : "",
    ]
      .filter(Boolean)
      .join(", "),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The error and its causes (drizzle wraps driver errors as "Failed query: ...") on one line. */
function oneLine(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4;) {
    const message = e instanceof Error ? e.message : String(e);
    parts.push(message.replace(/\s*\n\s*/g, " ").trim());
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.filter(Boolean).join(": ") || "unknown error";
}

async function main(): Promise<void> {
  const config = loadConfig();
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await runMigrations(handle);
    const { created, logins } = await seedDemo(handle.db);
    console.log(
      created
        ? `Created the demo consultation "${DEMO_CONSULTATION_TITLE}" in ${handle.location}.`
        : `The demo consultation "${DEMO_CONSULTATION_TITLE}" already exists in ${handle.location}; nothing changed.`,
    );
    console.log("");
    console.log(loginTable(logins));
    console.log("");
    console.log(
      created
        ? `Password for all demo accounts: ${DEMO_PASSWORD}`
        : `Password for all demo accounts: ${DEMO_PASSWORD} (unless changed since)`,
    );
  } finally {
    await handle?.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`db:seed failed: ${oneLine(error)}`);
  process.exitCode = 1;
}
