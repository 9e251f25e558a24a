/**
 * The memory endpoint every benchmarked server wrapper exposes on STATS_PORT, so all three
 * servers are measured the same way: GET / runs a full GC (node --expose-gc) and answers with
 * process.memoryUsage().
 */
import http from "node:http";

export function serveStats(): void {
  const port = Number(process.env.STATS_PORT);
  if (!port) return;
  http
    .createServer((_req, res) => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(process.memoryUsage()));
    })
    .listen(port, "127.0.0.1");
}
