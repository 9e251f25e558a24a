/**
 * The real editing trace (automerge-paper: 259,778 keystrokes of a LaTeX paper, as
 * `{txns: [{patches: [[pos, deleteCount, insertText]]}]}`), read from the shared data folder
 * beside the repository.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { repoRoot } from "#testkit/infra.ts";

export type Patch = [position: number, deleteCount: number, insert: string];

export interface Trace {
  patches: Patch[];
  endContent: string;
}

export const TRACE_PATH =
  process.env.BENCH_TRACE ??
  path.resolve(repoRoot, "../shared/data/editing-traces/automerge-paper.json.gz");

let cached: Trace | null = null;

/** Loads the trace once; exits the process with a clear message when the file is missing. */
export function loadTrace(): Trace {
  if (cached) return cached;
  if (!fs.existsSync(TRACE_PATH)) {
    process.stderr.write(
      `Editing trace not found at ${TRACE_PATH}.\n` +
        "The benchmarks expect the shared data folder beside the repository " +
        "(../shared/data/editing-traces/automerge-paper.json.gz) or BENCH_TRACE=<file>.\n",
    );
    process.exit(2);
  }
  const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(TRACE_PATH)).toString("utf8")) as {
    endContent: string;
    txns: { patches: Patch[] }[];
  };
  cached = { patches: json.txns.flatMap((t) => t.patches), endContent: json.endContent };
  return cached;
}
