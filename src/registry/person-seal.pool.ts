import os from "node:os";
import type { Worker } from "node:worker_threads";
import type { KeyFile } from "../platform/crypto/keyring.ts";
import { startTsWorker } from "../platform/ts-worker.ts";
import { packSealed, type SealedBatch } from "./person-batch.codec.ts";
import { type PersonKeys, sealPerson } from "./person-seal.codec.ts";
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

type SealReply = { chunk: number; batch: SealedBatch } | { ready: true };

export interface SealOptions {
  /** Worker threads; 0 seals in this thread (default: the cores, at most 4). */
  threads?: number;
  /** Checked between chunks: a true value stops the pipeline with the error it returns. */
  interrupted?: () => Error | null;
  /** How many people are expected in all: fewer than `minParallel` are sealed in this thread. */
  expected?: number;
  /** Fewer people than this are sealed in this thread: starting workers would cost more than it saves. */
  minParallel?: number;
  /** Told once when the workers could not start and sealing falls back to this thread. */
  onFallback?: (why: string) => void;
}

/** Below this many people, starting workers costs more than it saves. */
const MIN_PARALLEL = 2_000;

type People = SealRequest["people"];

/**
 * Seals people chunk by chunk in worker threads and yields the chunks in input order, each packed for the bulk
 * insert (`SealedBatch`), so the caller can write one while the next are sealed. Chunks are drawn from `source`
 * only as workers free up: at most two chunks per worker wait in memory, whatever the file's size, and a file
 * can be read while it is imported.
 */
export async function* sealChunks(
  keys: PersonKeys,
  tenantId: string,
  source: AsyncIterable<People>,
  options: SealOptions = {},
): AsyncGenerator<SealedBatch> {
  // Workers start with the first chunk to seal: a file whose people are all known already starts none.
  const drawn = source[Symbol.asyncIterator]();
  const first = await drawn.next();
  if (first.done) return;
  const chunks = prepend(first.value, drawn);
  const threads = options.threads ?? Math.min(4, os.availableParallelism());
  const parallel = threads > 0 && (options.expected ?? 0) >= (options.minParallel ?? MIN_PARALLEL);
  const workers = parallel ? await startWorkers(keys, threads) : [];
  if (typeof workers === "string") options.onFallback?.(workers);
  if (typeof workers === "string" || workers.length === 0) {
    for await (const people of chunks) {
      await new Promise((resolve) => setImmediate(resolve));
      const stop = options.interrupted?.();
      if (stop) throw stop;
      yield sealBatch(keys, tenantId, people);
    }
    return;
  }
  try {
    yield* inWorkers(workers, tenantId, chunks, options.interrupted);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Seals one chunk of people for a nation and packs it for the bulk insert. */
export function sealBatch(keys: PersonKeys, tenantId: string, people: People): SealedBatch {
  return packSealed(people.map((p) => sealPerson(keys, p.person, p.externalId, tenantId)));
}

/** The chunk already drawn, then the rest of the source (closed if the reader stops early). */
async function* prepend(first: People, rest: AsyncIterator<People>): AsyncGenerator<People> {
  let done = false;
  try {
    yield first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    done = true;
  } finally {
    if (!done) await rest.return?.();
  }
}

async function* inWorkers(
  workers: Worker[],
  tenantId: string,
  source: AsyncIterator<People>,
  interrupted?: () => Error | null,
) {
  const results = new Map<number, Deferred<SealedBatch>>();
  const inFlight = workers.map(() => 0);
  let failure: Error | null = null;
  workers.forEach((w, i) => {
    w.on("message", (reply: SealReply) => {
      if (!("chunk" in reply)) return;
      inFlight[i] = (inFlight[i] ?? 1) - 1;
      results.get(reply.chunk)?.resolve(reply.batch);
    });
    const fail = (error: Error) => {
      failure = error;
      for (const d of results.values()) d.reject(error);
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`a sealing thread stopped (exit code ${code})`)));
  });
  let sent = 0;
  let exhausted = false;
  const fill = async (consumed: number) => {
    while (!exhausted && sent - consumed < workers.length * 2) {
      const drawn = await source.next();
      if (drawn.done) {
        exhausted = true;
        return;
      }
      const chunk: SealRequest = { chunk: sent, tenantId, people: drawn.value };
      const w = inFlight.indexOf(Math.min(...inFlight));
      results.set(chunk.chunk, deferred());
      if (failure) results.get(chunk.chunk)?.reject(failure);
      else workers[w]?.postMessage(chunk);
      inFlight[w] = (inFlight[w] ?? 0) + 1;
      sent++;
    }
  };
  try {
    for (let next = 0; ; next++) {
      await fill(next);
      if (next >= sent) return;
      const batch = await (results.get(next) as Deferred<SealedBatch>).promise;
      results.delete(next);
      const stop = interrupted?.();
      if (stop) throw stop;
      yield batch;
    }
  } finally {
    if (!exhausted) await source.return?.();
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
