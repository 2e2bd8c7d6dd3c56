import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { formatField } from "../../shared/field-path.ts";
import type { FieldIssue } from "../../shared/refusal.ts";
import { decodeStrictText } from "../../shared/strict-text.ts";
import { textFault } from "../contract/primitives.contract.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./app-env.ts";

// The one check at the HTTP edge: no string a request carries — a path segment, a query parameter's name or
// value, a JSON body's value or key at any depth — reaches a route, a store or the database unless it is
// well-formed Unicode without NUL or other C0 controls (tab, line feed, carriage return stay). The rule
// itself is `textFault`, shared with the contracts and the command line.

/** One refused input: `field` locates it for a person (`body.links[3].value`), `path` within its part. */
export type EdgeIssue = FieldIssue;

/** At most this many issues are listed; the first one is enough to fix the request. */
const MAX_ISSUES = 20;

interface Pending {
  value: unknown;
  key: PropertyKey | null;
  parent: Pending | null;
}

function pathOf(node: Pending): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Pending | null = node; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

function issueAt(part: string, path: PropertyKey[], message: string): EdgeIssue {
  return {
    field: formatField(part, path),
    path: path.map(String).join("."),
    message,
    kind: "malformed_text",
  };
}

/**
 * Every string in a parsed JSON value (and every object key) that `textFault` refuses, located under `part`.
 * It walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function findTextFaults(value: unknown, part: string): EdgeIssue[] {
  const issues: EdgeIssue[] = [];
  const stack: Pending[] = [{ value, key: null, parent: null }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const node = stack.pop() as Pending;
    if (typeof node.value === "string") {
      const fault = textFault(node.value);
      if (fault) issues.push(issueAt(part, pathOf(node), fault));
    } else if (Array.isArray(node.value)) {
      for (let i = node.value.length - 1; i >= 0; i--)
        stack.push({ value: node.value[i], key: i, parent: node });
    } else if (node.value !== null && typeof node.value === "object") {
      const entries = Object.entries(node.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const fault = textFault(key);
        if (fault) issues.push(issueAt(part, [...pathOf(node), key], `the key ${fault}`));
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

function decodeStrict(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Problems in a URL's path and query string: malformed percent-encoding, or decoded text `textFault` refuses. */
export function findUrlFaults(url: URL): EdgeIssue[] {
  const issues: EdgeIssue[] = [];
  url.pathname.split("/").forEach((segment, index) => {
    const decoded = decodeStrict(segment);
    const fault = decoded === undefined ? "has malformed percent-encoding" : textFault(decoded);
    if (fault)
      issues.push({
        field: "path",
        path: String(index),
        message: `path segment ${index} ${fault}`,
        kind: "malformed_text",
      });
  });
  for (const pair of url.search.slice(1).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decodeStrict((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
    const value = eq < 0 ? "" : decodeStrict(pair.slice(eq + 1).replaceAll("+", " "));
    if (name === undefined) {
      issues.push({
        field: "query",
        path: "",
        message: "a parameter name has malformed percent-encoding",
        kind: "malformed_text",
      });
      continue;
    }
    const fault = textFault(name);
    if (fault) issues.push(issueAt("query", [name], `the parameter name ${fault}`));
    else if (value === undefined) issues.push(issueAt("query", [name], "has malformed percent-encoding"));
    else {
      const valueFault = textFault(value);
      if (valueFault) issues.push(issueAt("query", [name], valueFault));
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

function refuse(what: string, issues: EdgeIssue[]): never {
  const listed = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  throw new AppError("BAD_INPUT", `${what}: ${listed}`, { issues });
}

/** Answers 400 when any part of the URL is malformed or holds text the rule refuses; for every path served. */
export const refuseMalformedUrl = createMiddleware<AppEnv>(async (c, next) => {
  const issues = findUrlFaults(new URL(c.req.url));
  if (issues.length > 0) refuse("the address cannot be read", issues);
  await next();
});

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

function isJsonBody(c: Context): boolean {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
  return c.req.raw.body !== null && JSON_MEDIA_TYPE.test(mediaType);
}

/**
 * Answers 400 for a JSON body that is not UTF-8 or holds a string or key the rule refuses. It runs after the
 * body limit, and leaves the parsed value in the request's body cache, so the route's own validation sees
 * exactly what was checked here and the body is parsed once.
 */
export const refuseMalformedJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!isJsonBody(c)) return next();
  // A failure to read (the body limit) is not the sender's text: let it travel to its own handler.
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) return next();
  const decoded = decodeStrictText(bytes);
  if (!decoded.ok) {
    const { line, character, message } = decoded.fault;
    const where = `line ${line}, character ${character}`;
    refuse("the request body cannot be read", [
      { field: "body", path: "", message: `${message} (${where})` },
    ]);
  }
  const text = decoded.text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON after all: a JSON route refuses it (400, malformed JSON); a route reading text sees it as sent.
    return next();
  }
  const issues = findTextFaults(body, "body");
  if (issues.length > 0) refuse("the request body holds text that cannot be stored", issues);
  c.req.bodyCache.json = Promise.resolve(body);
  await next();
});
