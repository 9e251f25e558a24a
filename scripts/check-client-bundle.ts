/**
 * Fails when server-only code reached the browser bundle (run after `npm run build`): drizzle
 * (its entity symbols) or our SQL. The app imports db/ only as types and vocabularies from
 * common/ (ESLint enforces the imports; this checks the result).
 */
import fs from "node:fs";
import path from "node:path";

const MARKERS = [
  { text: "drizzle:entityKind", what: "drizzle-orm" },
  { text: "pg_advisory", what: "server SQL" },
];

const dir = path.resolve("build/client");
if (!fs.existsSync(dir)) {
  process.stderr.write(`No client build at ${dir}: run "npm run build" first.\n`);
  process.exit(2);
}
const files = fs
  .readdirSync(dir, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".js"));
const found: string[] = [];
for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  for (const marker of MARKERS)
    if (text.includes(marker.text)) found.push(`${file}: ${marker.what}`);
}
if (found.length > 0) {
  process.stderr.write(`Server-only code in the browser bundle:\n  ${found.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(`Browser bundle: ${files.length} chunks, no server-only code.\n`);
