import { parseArgs } from "node:util";
import { openDatabase } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { ConfigError, loadConfig } from "#server/config.ts";
import { createUser } from "#server/domain/admin.ts";
import { DomainError } from "#server/domain/errors.ts";

// Operator messages are English; server code does not import the UI's catalogues (app → server → db).
const PROBLEMS: Record<string, string> = {
  "form.required": "required",
  "form.email": "not a valid e-mail address",
  "form.tooLong": "too long",
  "form.passwordTooShort": "must be at least 12 characters long",
  "form.passwordWeak": "is too easy to guess (common password, word, name or pattern)",
  "admin.emailTaken": "already in use",
};

const USAGE = `Usage: npm run user:create -- --email <address> --name "<full name>" [--admin]
The password is read from the RATSCHLAG_PASSWORD environment variable or, if unset, from standard input.`;

async function readPassword(): Promise<string> {
  if (process.env.RATSCHLAG_PASSWORD) return process.env.RATSCHLAG_PASSWORD;
  if (process.stdin.isTTY) process.stdout.write("Password (at least 12 characters): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (chunks.join("").includes("\n")) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/** Creates an account on the configured database: the way to the first admin of a server install. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.email || !values.name) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (handle.kind === "embedded") await runMigrations(handle);
    const password = await readPassword();
    const user = await createUser({ db: handle.db }, null, {
      email: values.email,
      name: values.name,
      password,
      isAdmin: values.admin,
    });
    process.stdout.write(
      `Created ${values.admin ? "admin " : ""}user ${values.email.toLowerCase()} (${user.id}) in ${handle.location}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      const fields = Object.entries(error.fieldErrors)
        .map(([field, problem]) => `${field}: ${PROBLEMS[problem] ?? problem}`)
        .join(", ");
      process.stderr.write(`Cannot create the user (${fields || error.code})\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `user:create failed: ${(error as Error).message}`}\n`,
  );
  process.exitCode = 1;
}
