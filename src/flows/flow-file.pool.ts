import type { Worker } from "node:worker_threads";
import { AppError } from "../platform/errors.ts";
import { startTsWorker } from "../platform/ts-worker.ts";
import type { FlowSource, ParsedFlowFile } from "./engine/flows-types.ts";
import type { GenericSchema } from "./engine/generic-import.ts";
import {
  type ObservationColumns,
  type PreparedFlowFile,
  prepareFlowFile,
} from "./engine/prepare-flow-file.ts";
import {
  failOnParseProblems,
  type ImportFile,
  type ImportOptions,
  type ParseThread,
  parseAll,
} from "./flows-import.service.ts";

// Parsing a statistics file and preparing its import cost about a second per 5 MB: in a worker thread, so the
// server keeps answering while an upload is read. The database writes stay on the main thread, in the import's
// one transaction. One worker is started at the first upload and kept (idle, it does not keep the process
// alive); uploads take turns on it.

/** One upload's files (their bytes moved to the worker, not copied) and how to read them. */
export interface FlowFileJob {
  files: ImportFile[];
  source: FlowSource | "auto";
  schema?: GenericSchema;
}

/** The worker's messages for a job, in the order it sends them. */
export type FlowFileReply =
  | { kind: "problems"; parsed: ParsedFlowFile[] }
  | { kind: "file"; index: number; summary: Omit<PreparedFlowFile, "observations">; chunks: number }
  | { kind: "chunk"; index: number; chunk: ObservationColumns }
  | { kind: "done" }
  | { kind: "failed"; message: string };

interface Pending {
  prepared: PreparedFlowFile[];
  resolve(files: PreparedFlowFile[]): void;
  reject(error: Error): void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  worker = null;
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function receive(id: number, reply: FlowFileReply): void {
  const job = pending.get(id);
  if (!job) return;
  try {
    if (reply.kind === "problems") {
      failOnParseProblems(reply.parsed);
      throw new Error("the files were reported to have problems, but none was listed");
    }
    if (reply.kind === "failed")
      throw new AppError("INTERNAL", `the files could not be read: ${reply.message}`);
    if (reply.kind === "file") job.prepared[reply.index] = { ...reply.summary, observations: [] };
    else if (reply.kind === "chunk") job.prepared[reply.index]?.observations.push(reply.chunk);
    else {
      pending.delete(id);
      job.resolve(job.prepared);
    }
  } catch (error) {
    pending.delete(id);
    job.reject(error as Error);
  }
  // While a job is pending the worker keeps the process alive; idle, it does not.
  if (pending.size === 0) worker?.unref();
}

function readingWorker(): Worker {
  if (worker) return worker;
  const started = startTsWorker(new URL("./flow-file.worker.ts", import.meta.url), null);
  started.on("message", (m: { id: number; reply: FlowFileReply }) => receive(m.id, m.reply));
  started.once("error", (error) =>
    failAll(new AppError("INTERNAL", `the files could not be read: ${error.message}`)),
  );
  started.once("exit", (code) =>
    failAll(new AppError("INTERNAL", `the files could not be read (the reading thread stopped, ${code})`)),
  );
  worker = started;
  return started;
}

/**
 * Parses and prepares `files` for import: all or none, a bad-input error naming every file's first problems.
 * With `thread: "inline"` the work runs here, holding this thread until it is done.
 */
export function prepareFlowFiles(
  files: ImportFile[],
  options: ImportOptions,
  thread: ParseThread = "worker",
): Promise<PreparedFlowFile[]> {
  if (thread === "inline") return Promise.resolve().then(() => parseAll(files, options).map(prepareFlowFile));
  const job: FlowFileJob = {
    files,
    source: options.source ?? "auto",
    ...(options.schema ? { schema: options.schema } : {}),
  };
  // A file's bytes move to the worker when they own their whole buffer (they are then unusable here).
  const transfer = new Set<ArrayBuffer>();
  for (const { content } of files) {
    if (typeof content === "string" || !(content.buffer instanceof ArrayBuffer)) continue;
    if (content.byteOffset === 0 && content.byteLength === content.buffer.byteLength)
      transfer.add(content.buffer);
  }
  const id = nextId++;
  return new Promise<PreparedFlowFile[]>((resolve, reject) => {
    pending.set(id, { prepared: [], resolve, reject });
    const reader = readingWorker();
    reader.ref();
    reader.postMessage({ id, job }, [...transfer]);
  });
}
