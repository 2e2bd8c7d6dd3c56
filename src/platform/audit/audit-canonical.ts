import { AppError } from "../errors.ts";

// The one serialisation of an audit event: what is hashed is exactly what is stored, byte for byte, and the
// verifier hashes the stored text itself. The text is ASCII (every character past U+007E written as \uXXXX), so
// no database encoding or driver can change a byte of it on the way in or out.

/** A JSON value as the audit log keeps it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every field of an audit event that its leaf hash covers. */
export interface AuditLeaf {
  tenantId: string;
  seq: number;
  /** ISO 8601 with milliseconds, as the database gives the stored time back. */
  occurredAt: string;
  actorTenant: string | null;
  actorUser: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: { [key: string]: JsonValue };
}

/** The version of the leaf format; a new format gets a new number and the verifier keeps reading the old. */
export const LEAF_VERSION = 1;

// A lone high surrogate, or a low surrogate with no high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot go into the audit log, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return `holds a NUL character at position ${nul}`;
  const found = LONE_SURROGATE.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `is not well-formed Unicode (a lone surrogate \\u${code} at position ${found.index})`;
}

/** Throws BAD_INPUT naming `field` when `text` is not well-formed Unicode or holds NUL. */
export function assertStorable(field: string, text: string): void {
  const reason = unstorableReason(text);
  if (reason) throw new AppError("BAD_INPUT", `audit event field ${field} ${reason}`, { field });
}

/**
 * Turns `details` into plain JSON (as JSON.stringify would: dates become ISO strings, undefined disappears) and
 * checks every key and string in it; throws BAD_INPUT naming the path of the first bad one.
 */
export function normaliseDetails(details: Record<string, unknown> | undefined): { [key: string]: JsonValue } {
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(details ?? {}));
  } catch (error) {
    throw new AppError("BAD_INPUT", `audit event field details is not JSON: ${(error as Error).message}`, {
      field: "details",
    });
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new AppError("BAD_INPUT", "audit event field details must be an object", { field: "details" });
  checkStrings("details", json as JsonValue);
  return json as { [key: string]: JsonValue };
}

function checkStrings(path: string, value: JsonValue): void {
  if (typeof value === "string") {
    assertStorable(path, value);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkStrings(`${path}[${i}]`, item);
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    assertStorable(`${path} (a key)`, key);
    checkStrings(`${path}.${key}`, item);
  }
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** JSON with object keys sorted at every depth and only ASCII characters: one value, one text. */
export function canonicalText(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return asciiString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new AppError("BAD_INPUT", `not a finite number: ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${asciiString(k)}:${canonicalText(value[k] as JsonValue)}`).join(",")}}`;
}

/** The stored and hashed text of one event. */
export function leafText(leaf: AuditLeaf): string {
  return canonicalText({ v: LEAF_VERSION, ...leaf });
}

/** Reads a stored leaf text back; throws when it is not a leaf of a known version. */
export function parseLeafText(text: string): AuditLeaf {
  const parsed = JSON.parse(text) as AuditLeaf & { v?: unknown };
  if (parsed === null || typeof parsed !== "object" || parsed.v !== LEAF_VERSION)
    throw new Error(`not an audit leaf of version ${LEAF_VERSION}`);
  const { v: _version, ...leaf } = parsed;
  return leaf;
}
