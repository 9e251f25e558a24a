import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Starts Ratschlag: `tsx server/main.ts` (production build) or `tsx server/main.ts --dev`.
 *
 * This file only picks how server/app.ts is loaded, so that it and the route modules share one
 * module graph (ADR 014): in production the build leaves server/ and db/ imports to Node, which
 * resolves them to the same modules this process loads; in development Vite loads server/app.ts
 * and the routes alike. It imports no server module itself.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const server = http.createServer();

if (process.argv.includes("--dev")) {
  const { createServer } = await import("vite");
  const vite = await createServer({ root, server: { middlewareMode: true, hmr: { server } } });
  const app = (await vite.ssrLoadModule("/server/app.ts")) as typeof import("./app.ts");
  await app.start({ server, vite });
} else {
  const app = await import("./app.ts");
  await app.start({ server });
}
