import type { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./app-env.ts";

const READS = new Set(["GET", "HEAD"]);

/** A mebibyte, the unit every body limit is written in. */
export const MiB = 1024 * 1024;

/**
 * What any API request body may hold unless its route declares more (`allowLargeBody`): every JSON route's
 * body fits far below it (the largest, a pathway definition, is bounded at 100,000 characters).
 */
export const API_BODY_LIMIT = 1 * MiB;

function shown(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(maxBytes: number): never {
  throw new AppError(
    "PAYLOAD_TOO_LARGE",
    `the request body is larger than this route accepts (at most ${shown(maxBytes)}, ${maxBytes} bytes)`,
    { maxBytes },
  );
}

/**
 * Answers 413 for a body larger than `maxBytes`: at once when the declared length says so, else while the body
 * is read (a chunked body is cut off at the limit, never buffered whole). A route may narrow the API's limit
 * even after an earlier middleware has read the body (the edge check reads JSON bodies once): the read body's
 * size is checked then, instead of reading a stream that is already consumed.
 */
export function limitBody(maxBytes: number) {
  const streaming = bodyLimit({ maxSize: maxBytes, onError: () => tooLarge(maxBytes) });
  return createMiddleware<AppEnv>(async (c, next) => {
    const declared = Number.parseInt(c.req.header("content-length") ?? "", 10);
    if (Number.isFinite(declared) && declared > maxBytes) tooLarge(maxBytes);
    // A read that declares no body has none to limit (and opening its stream would cost every GET).
    if (READS.has(c.req.method) && !(declared > 0) && c.req.header("transfer-encoding") === undefined) {
      return next();
    }
    const cached = c.req.bodyCache.arrayBuffer;
    if (cached) {
      if ((await cached).byteLength > maxBytes) tooLarge(maxBytes);
      return next();
    }
    if (c.req.raw.bodyUsed) return next();
    return streaming(c, next);
  });
}

/** A route that takes a body larger than the API's limit: its method, its path in its router, and its limit. */
export interface LargeBodyRoute {
  method: string;
  path: string;
  maxBytes: number;
}

const largeBodies = new WeakMap<object, LargeBodyRoute[]>();

/**
 * Declares that one route of `router` (an upload: a file as the body) accepts up to `maxBytes`. The API-wide
 * limit then applies this figure to that route alone, before any middleware reads the body; every other route
 * keeps `API_BODY_LIMIT`.
 */
export function allowLargeBody(
  router: OpenAPIHono<AppEnv>,
  method: string,
  path: string,
  maxBytes: number,
): void {
  const list = largeBodies.get(router) ?? [];
  list.push({ method: method.toUpperCase(), path, maxBytes });
  largeBodies.set(router, list);
}

/** The large-body routes declared on `router`, with their paths under `prefix` (where the router is mounted). */
export function largeBodyRoutes(router: object, prefix: string): LargeBodyRoute[] {
  const base = prefix.replace(/\/+$/, "");
  return (largeBodies.get(router) ?? []).map((r) => ({ ...r, path: `${base}${r.path}` }));
}

/**
 * The API-wide body limit: `defaultMaxBytes` for every request, except the routes in `routes` (matched on method
 * and exact path), which get their own declared limit.
 */
export function limitBodyByRoute(defaultMaxBytes: number, routes: LargeBodyRoute[]) {
  const byRoute = new Map(routes.map((r) => [`${r.method} ${r.path}`, limitBody(r.maxBytes)]));
  const fallback = limitBody(defaultMaxBytes);
  return createMiddleware<AppEnv>(async (c, next) => {
    const limit = byRoute.get(`${c.req.method} ${c.req.path}`) ?? fallback;
    return limit(c, next);
  });
}
