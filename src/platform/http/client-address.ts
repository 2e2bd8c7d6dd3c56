import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The address a request came from: the socket's peer, or the first `X-Forwarded-For` hop when the server is
 * configured to sit behind a trusted proxy (otherwise that header could be forged to dodge throttling).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Requests handed to the app in-process (tests) have no socket.
    return "in-process";
  }
}
