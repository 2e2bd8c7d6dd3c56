/**
 * Worker thread entry: parses uploaded statistics files and prepares what their import writes (observation
 * columns, rollups, dimension counts), so a large upload never holds the request thread. It serves one job at a
 * time and stays up for the next. Replies to a job, in order: the files' problems (and nothing else) when any
 * file has one; otherwise, per file, its prepared summary and then its observation chunks one message each, and
 * finally `done`.
 */
import { parentPort } from "node:worker_threads";
import { parseFlowFile } from "./engine/parse-flow-file.ts";
import { prepareFlowFile } from "./engine/prepare-flow-file.ts";
import type { FlowFileJob, FlowFileReply } from "./flow-file.pool.ts";

function run(job: FlowFileJob, send: (reply: FlowFileReply) => void): void {
  const parsed = job.files.map((f) =>
    parseFlowFile(f.content, {
      file: f.name,
      source: job.source,
      ...(job.schema ? { schema: job.schema } : {}),
    }),
  );
  if (parsed.some((p) => p.source === null || p.problemCount > 0)) {
    send({ kind: "problems", parsed: parsed.map((p) => ({ ...p, rows: [] })) });
    return;
  }
  parsed.forEach((p, index) => {
    const { observations, ...summary } = prepareFlowFile(p);
    p.rows = [];
    send({ kind: "file", index, summary, chunks: observations.length });
    for (const chunk of observations) send({ kind: "chunk", index, chunk });
  });
  send({ kind: "done" });
}

parentPort?.on("message", ({ id, job }: { id: number; job: FlowFileJob }) => {
  const send = (reply: FlowFileReply) => parentPort?.postMessage({ id, reply });
  try {
    run(job, send);
  } catch (error) {
    send({ kind: "failed", message: (error as Error).message });
  }
});
