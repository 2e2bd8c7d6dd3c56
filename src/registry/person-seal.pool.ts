import os from "node:os";
import type { Worker } from "node:worker_threads";
import type { KeyFile } from "../platform/crypto/keyring.ts";
import { startTsWorker } from "../platform/ts-worker.ts";
import { type PersonKeys, type SealedPerson, sealPerson } from "./person-seal.codec.ts";
import type { PersonInput } from "./registry.contract.ts";

/** What a sealing worker is started with: the keys, copied into its memory once. */
export interface SealWorkerInput {
  keyFile: KeyFile;
  clkKeys: [string, Uint8Array][];
}

/** One chunk of people to seal. */
export interface SealRequest {
  chunk: number;
  /** The nation the people are sealed for (its key makes their filter terms). */
  tenantId: string;
  people: { externalId: string | null; person: PersonInput }[];
}

type SealReply = { chunk: number; rows: SealedPerson[] } | { ready: true };

export interface SealOptions {
  chunkSize?: number;
  /** Worker threads; 0 seals in this thread (default: the cores, at most 4). */
  threads?: number;
  /** Checked between chunks: a true value stops the pipeline with the error it returns. */
  interrupted?: () => Error | null;
  /** Fewer people than this are sealed in this thread: starting workers would cost more than it saves. */
  minParallel?: number;
  /** Told once when the workers could not start and sealing falls back to this thread. */
  onFallback?: (why: string) => void;
}

/** Below this many people, starting workers costs more than it saves. */
const MIN_PARALLEL = 2_000;

/**
 * Seals people chunk by chunk in worker threads and yields the chunks in input order, so the caller can write
 * one while the next are sealed. At most two chunks per worker wait in memory, whatever the file's size.
 */
export async function* sealChunks(
  keys: PersonKeys,
  tenantId: string,
  people: SealRequest["people"],
  options: SealOptions = {},
): AsyncGenerator<SealedPerson[]> {
  const size = options.chunkSize ?? 1_000;
  const chunks: SealRequest[] = [];
  for (let i = 0; i * size < people.length; i++)
    chunks.push({ chunk: i, tenantId, people: people.slice(i * size, (i + 1) * size) });
  const threads = options.threads ?? Math.min(4, os.availableParallelism());
  const parallel = threads > 0 && people.length >= (options.minParallel ?? MIN_PARALLEL);
  const workers = parallel ? await startWorkers(keys, threads) : [];
  if (typeof workers === "string") options.onFallback?.(workers);
  if (typeof workers === "string" || workers.length === 0) {
    for (const c of chunks) {
      await new Promise((resolve) => setImmediate(resolve));
      const stop = options.interrupted?.();
      if (stop) throw stop;
      yield c.people.map((p) => sealPerson(keys, p.person, p.externalId, tenantId));
    }
    return;
  }
  try {
    yield* inWorkers(workers, chunks, options.interrupted);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function* inWorkers(workers: Worker[], chunks: SealRequest[], interrupted?: () => Error | null) {
  const results = new Map<number, Deferred<SealedPerson[]>>();
  const inFlight = workers.map(() => 0);
  let failure: Error | null = null;
  workers.forEach((w, i) => {
    w.on("message", (reply: SealReply) => {
      if (!("chunk" in reply)) return;
      inFlight[i] = (inFlight[i] ?? 1) - 1;
      results.get(reply.chunk)?.resolve(reply.rows);
    });
    const fail = (error: Error) => {
      failure = error;
      for (const d of results.values()) d.reject(error);
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`a sealing thread stopped (exit code ${code})`)));
  });
  let sent = 0;
  const fill = (consumed: number) => {
    while (sent < chunks.length && sent - consumed < workers.length * 2) {
      const w = inFlight.indexOf(Math.min(...inFlight));
      const chunk = chunks[sent] as SealRequest;
      results.set(chunk.chunk, deferred());
      if (failure) results.get(chunk.chunk)?.reject(failure);
      else workers[w]?.postMessage(chunk);
      inFlight[w] = (inFlight[w] ?? 0) + 1;
      sent++;
    }
  };
  for (let next = 0; next < chunks.length; next++) {
    fill(next);
    const rows = await (results.get(next) as Deferred<SealedPerson[]>).promise;
    results.delete(next);
    const stop = interrupted?.();
    if (stop) throw stop;
    yield rows;
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Starts the sealing workers and waits until each has its keys; a failure comes back as its reason. */
async function startWorkers(keys: PersonKeys, threads: number): Promise<Worker[] | string> {
  const input: SealWorkerInput = {
    keyFile: {
      current: keys.keyring.currentId,
      keys: Object.fromEntries(keys.keyring.ids.map((id) => [id, keys.keyring.key(id).toString("base64")])),
      index: keys.keyring.indexKey.toString("base64"),
    },
    clkKeys: [...keys.clkKeys].map(([feature, key]) => [feature, new Uint8Array(key)]),
  };
  const started: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) started.push(startWorker(input));
    await Promise.all(started.map(ready));
    return started;
  } catch (error) {
    await Promise.all(started.map((w) => w.terminate()));
    return (error as Error).message;
  }
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a sealing thread stopped (exit code ${code})`)));
  });
}

/** Starts one worker on its entry (see `startTsWorker`). */
function startWorker(input: SealWorkerInput): Worker {
  return startTsWorker(new URL("./person-seal.worker.ts", import.meta.url), input);
}
