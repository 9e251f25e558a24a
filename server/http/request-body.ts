import type { NextFunction, Request, Response } from "express";

/**
 * When a response is finished before its request body was read to the end (the app refused an
 * oversized or malformed form), the rest of the body is read and discarded instead of leaving the
 * socket paused: the client receives its answer and memory stays flat. A client that keeps
 * sending beyond `maxDrainBytes` has its connection closed.
 */
export function drainUnreadBodies(maxDrainBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on("finish", () => {
      if (req.complete || req.destroyed) return;
      // The abandoned body stream's listener would only buffer what nobody reads any more.
      req.removeAllListeners("data");
      let drained = 0;
      req.on("data", (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > maxDrainBytes) req.destroy();
      });
      req.resume();
    });
    next();
  };
}
