/**
 * The reference server, @y/websocket-server 0.1.1 (Yjs 13), exactly as its own bin/server.js
 * sets it up: no authentication, no persistence (YPERSISTENCE unset), documents in memory.
 */
import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";
import { serveStats } from "./stats.ts";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.writeHead(200).end("okay"));
wss.on("connection", setupWSConnection);
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});
serveStats();
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
