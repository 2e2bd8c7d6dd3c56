import i18next from "i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { reloadAnswers, type SharedAnswer, watchAnswer } from "../web/src/shared-answers.ts";

// The web's shared GET answers, without a browser: the server is a stub that answers when the test says so.

const List = z.object({ items: z.array(z.string()) });
type List = z.infer<typeof List>;

interface Pending {
  url: string;
  answer: (items: string[]) => void;
  fail: (status: number) => void;
}

let pending: Pending[] = [];
const stopping: (() => void)[] = [];

// English, so a refusal reads as the server's sentence.
beforeAll(() => i18next.init({ lng: "en", resources: {}, showSupportNotice: false }));

beforeEach(() => {
  pending = [];
  vi.stubGlobal("fetch", (url: string) => {
    return new Promise<Response>((resolve) => {
      pending.push({
        url,
        answer: (items) => resolve(Response.json({ items })),
        fail: (status) =>
          resolve(
            Response.json({ error: { code: "BROKEN", message: "the list is unavailable" } }, { status }),
          ),
      });
    });
  });
});

afterEach(() => {
  for (const stop of stopping.splice(0)) stop();
  vi.unstubAllGlobals();
});

/** Follows `path` like a mounted component; returns every answer it was given. */
function follow(path: string) {
  const seen: SharedAnswer<List>[] = [];
  const stop = watchAnswer(path, List, (answer) => seen.push(answer));
  stopping.push(stop);
  return { seen, last: () => seen.at(-1), stop };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("shared answers", () => {
  it("gives components following the same path one request and one result", async () => {
    const first = follow("/lists/a");
    const second = follow("/lists/a");
    expect(pending.map((p) => p.url)).toEqual(["/api/v1/lists/a"]);
    pending[0]?.answer(["one"]);
    await settled();
    expect(first.last()).toEqual({ data: { items: ["one"] }, error: "" });
    expect(second.last()).toBe(first.last());
    // One that comes later while the others still show it reads the same copy at once, without a request.
    const third = follow("/lists/a");
    expect(third.last()).toBe(first.last());
    expect(pending).toHaveLength(1);
  });

  it("reloads every copy of a path, in every query, and nothing else", async () => {
    const es = follow("/lists/q?lang=es");
    const esAgain = follow("/lists/q?lang=es");
    const fr = follow("/lists/q?lang=fr");
    const other = follow("/lists/qq");
    for (const p of pending.splice(0)) p.answer(["before"]);
    await settled();
    reloadAnswers("/lists/q");
    expect(pending.map((p) => p.url).sort()).toEqual(["/api/v1/lists/q?lang=es", "/api/v1/lists/q?lang=fr"]);
    for (const p of pending.splice(0)) p.answer(["after"]);
    await settled();
    for (const copy of [es, esAgain, fr]) expect(copy.last()?.data).toEqual({ items: ["after"] });
    expect(other.last()?.data).toEqual({ items: ["before"] });
    // A path with a query reloads only itself.
    reloadAnswers("/lists/q?lang=es");
    expect(pending.map((p) => p.url)).toEqual(["/api/v1/lists/q?lang=es"]);
  });

  it("keeps the newest answer when an older request answers after it", async () => {
    const copy = follow("/lists/b");
    reloadAnswers("/lists/b");
    const [older, newer] = pending;
    newer?.answer(["new"]);
    await settled();
    older?.answer(["old"]);
    await settled();
    expect(copy.last()?.data).toEqual({ items: ["new"] });
    expect(copy.seen).toHaveLength(1);
  });

  it("does not keep an error: the next component asking makes the request again", async () => {
    const first = follow("/lists/c");
    pending[0]?.fail(503);
    await settled();
    expect(first.last()?.data).toBeNull();
    expect(first.last()?.error).toMatch(/list is unavailable/i);
    const second = follow("/lists/c");
    expect(pending).toHaveLength(2);
    pending[1]?.answer(["back"]);
    await settled();
    for (const copy of [first, second]) expect(copy.last()).toEqual({ data: { items: ["back"] }, error: "" });
  });

  it("keeps the data shown when a reload fails, with the error beside it", async () => {
    const copy = follow("/lists/d");
    pending[0]?.answer(["kept"]);
    await settled();
    reloadAnswers("/lists/d");
    pending[1]?.fail(500);
    await settled();
    expect(copy.last()?.data).toEqual({ items: ["kept"] });
    expect(copy.last()?.error).toMatch(/list is unavailable/i);
  });

  it("forgets a path nobody shows any more: the next to ask reads it fresh, and a late answer is dropped", async () => {
    const gone = follow("/lists/e");
    gone.stop();
    pending[0]?.answer(["stale"]);
    await settled();
    expect(gone.seen).toEqual([]);
    const fresh = follow("/lists/e");
    expect(pending).toHaveLength(2);
    pending[1]?.answer(["fresh"]);
    await settled();
    expect(fresh.seen.map((a) => a.data)).toEqual([{ items: ["fresh"] }]);
    // Reloading a path nobody shows asks nothing.
    fresh.stop();
    reloadAnswers("/lists/e");
    expect(pending).toHaveLength(2);
  });
});
