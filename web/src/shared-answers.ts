import type { z } from "zod";
import { apiRequest } from "./api.ts";

// One copy of each GET answer on screen. The components showing the same path share one request in flight and
// one result, and reloading the path (after a change the user made) refreshes every one of them. A copy lives as
// long as something shows it: a component that asks after everyone let go asks the server again, so no panel
// opened later reads an answer older than itself. A failed request is made again by the next component asking.
// A path has one schema: the first component to ask for it gives it.

/** What a component shows of an answer: the data once it came, and the last request's error (in words). */
export interface SharedAnswer<T> {
  data: T | null;
  error: string;
}

type Watcher = (answer: SharedAnswer<unknown>) => void;

interface Entry {
  schema: z.ZodType<unknown>;
  answer: SharedAnswer<unknown>;
  watchers: Set<Watcher>;
  /** The newest request's number: an older request answering late is ignored. */
  request: number;
  loading: boolean;
  /** The last request failed (whatever its message): the next component asking makes it again. */
  failed: boolean;
}

const entries = new Map<string, Entry>();

function load(path: string, entry: Entry): void {
  entry.request += 1;
  const request = entry.request;
  entry.loading = true;
  const settle = (failed: boolean, answer: () => SharedAnswer<unknown>) => {
    if (entries.get(path) !== entry || entry.request !== request) return;
    entry.loading = false;
    entry.failed = failed;
    entry.answer = answer();
    for (const watcher of entry.watchers) watcher(entry.answer);
  };
  apiRequest(path, { schema: entry.schema }).then(
    (data) => settle(false, () => ({ data, error: "" })),
    (e: Error) => settle(true, () => ({ data: entry.answer.data, error: e.message })),
  );
}

/**
 * Follows the answer to `/api/v1<path>`: `watcher` is called with it now if it is already here, and with every new
 * one. Asks the server only when nobody follows the path yet or its last request failed. Returns the way to stop.
 */
export function watchAnswer<T>(
  path: string,
  schema: z.ZodType<T>,
  watcher: (answer: SharedAnswer<T>) => void,
): () => void {
  let entry = entries.get(path);
  if (!entry) {
    entry = {
      schema,
      answer: { data: null, error: "" },
      watchers: new Set(),
      request: 0,
      loading: false,
      failed: false,
    };
    entries.set(path, entry);
    load(path, entry);
  } else if (entry.failed && !entry.loading) {
    load(path, entry);
  }
  const followed = entry;
  const notify = watcher as Watcher;
  followed.watchers.add(notify);
  if (followed.answer.data !== null) notify(followed.answer);
  return () => {
    followed.watchers.delete(notify);
    if (followed.watchers.size === 0 && entries.get(path) === followed) entries.delete(path);
  };
}

/** The answer to `path` if one is already here (a component drawn while others show it needs no wait). */
export function answerHere<T>(path: string): SharedAnswer<T> | undefined {
  const answer = entries.get(path)?.answer as SharedAnswer<T> | undefined;
  return answer && answer.data !== null ? answer : undefined;
}

/**
 * Asks the server again for `path` and gives the answer to everyone following it; a path without a query also
 * reloads every query of it (`/pathways/questionnaire` reloads the questionnaire in every language shown).
 */
export function reloadAnswers(path: string): void {
  for (const [key, entry] of entries) {
    if (key === path || (!path.includes("?") && key.startsWith(`${path}?`))) load(key, entry);
  }
}
