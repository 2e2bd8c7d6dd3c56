import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "./app-env.ts";
import { findTextFaults, findUrlFaults, refuseMalformedJsonBody, refuseMalformedUrl } from "./edge-input.ts";
import { handleError } from "./errors-middleware.ts";

describe("findTextFaults over a JSON value", () => {
  const cases: [string, unknown, string[]][] = [
    ["a clean nested value", { a: ["x", { b: "y\n" }], n: 1, t: true, z: null }, []],
    ["a NUL in a top-level string", { name: "a\u0000" }, ["body.name"]],
    [
      "a lone surrogate deep in an array",
      { links: [{}, {}, {}, { value: "\ud800" }] },
      ["body.links[3].value"],
    ],
    ["a NUL in a key", { "bad\u0000key": 1 }, ['body["bad\\u0000key"]']],
    ["a lone surrogate in a nested key", { a: { "\udfff": "x" } }, ['body.a["\\udfff"]']],
    ["a bare string body", "\u0007", ["body"]],
    ["a key with spaces holding a fault", { "given name": "\u001b" }, ['body["given name"]']],
    ["faults in document order", { b: "\u0000", a: ["\u0000"] }, ["body.b", "body.a[0]"]],
  ];
  for (const [name, value, fields] of cases) {
    it(`locates ${name}`, () => {
      expect(findTextFaults(value, "body").map((i) => i.field)).toEqual(fields);
    });
  }

  it("walks a body nested deeper than the call stack allows", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [issue] = findTextFaults(deep, "body");
    expect(issue?.field).toBe(`body${"[0]".repeat(16)}…${"[0]".repeat(16)}`);
  });

  it("lists at most 20 faults", () => {
    expect(
      findTextFaults(
        Array.from({ length: 50 }, () => "\u0000"),
        "body",
      ),
    ).toHaveLength(20);
  });
});

describe("findUrlFaults", () => {
  const cases: [string, string, string[]][] = [
    ["a plain path and query", "/api/v1/registry/search?given=Ana+Mar%C3%ADa&dob=1990", []],
    ["an encoded emoji", "/x?q=%F0%9F%8C%8E", []],
    ["malformed percent-encoding in the path", "/%ZZ", ["path"]],
    ["a truncated UTF-8 sequence in the path", "/portal/%E0%A4%A", ["path"]],
    ["an encoded NUL in a path segment", "/api/v1/placement/runs/1/cases/%00", ["path"]],
    ["an encoded NUL in a query value", "/x?value=%00", ["query.value"]],
    ["an encoded lone surrogate (invalid UTF-8) in a query value", "/x?given=%ED%A0%80", ["query.given"]],
    ["malformed percent-encoding in a query value", "/x?a=1&b=%G1", ["query.b"]],
    ["an escape in a parameter name", "/x?%1B=1", ['query["\\u001b"]']],
    ["malformed percent-encoding in a parameter name", "/x?%ZZ=1", ["query"]],
  ];
  for (const [name, path, fields] of cases) {
    it(`${fields.length === 0 ? "accepts" : "refuses"} ${name}`, () => {
      expect(findUrlFaults(new URL(path, "http://localhost")).map((i) => i.field)).toEqual(fields);
    });
  }
});

describe("the edge middleware", () => {
  const seen: unknown[] = [];
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use("*", refuseMalformedUrl, refuseMalformedJsonBody);
  app.post("/echo", async (c) => {
    seen.push(await c.req.json());
    return c.json({ ok: true });
  });
  app.post("/raw", async (c) => c.json({ length: (await c.req.text()).length }));
  const post = (path: string, body: string | Uint8Array, type = "application/json") =>
    app.request(path, { method: "POST", headers: { "content-type": type }, body });

  it("hands the route the very value it checked", async () => {
    const res = await post("/echo", JSON.stringify({ note: "línea\tuno\r\n" }));
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toEqual({ note: "línea\tuno\r\n" });
  });

  it("names the field of a refused string", async () => {
    const res = await post(
      "/echo",
      '{"links":[{"value":"\\u0000"}]}',
      "application/vnd.api+json; charset=utf-8",
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
    expect(body.error.code).toBe("BAD_INPUT");
    expect(body.error.details.issues[0]?.field).toBe("body.links[0].value");
  });

  it("refuses bytes that are not UTF-8", async () => {
    const invalid = await post("/echo", new Uint8Array([0x22, 0xc3, 0x28, 0x22]));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid UTF-8/,
    );
  });

  it("leaves bodies that are not JSON, unparseable or empty ones to the route", async () => {
    expect(await (await post("/raw", "a,b\n1,2\n")).json()).toEqual({ length: 8 });
    expect(await (await post("/raw", "a,b\n1,2\u0000\n", "text/csv")).json()).toEqual({ length: 9 });
    expect(await (await post("/raw", "")).json()).toEqual({ length: 0 });
  });

  it("refuses a malformed address before any route", async () => {
    expect((await app.request("/echo%ZZ", { method: "POST" })).status).toBe(400);
  });
});
