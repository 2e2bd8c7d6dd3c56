import type { z } from "zod";
import type { PortalText } from "./portal-text.ts";

// The portal talks to the public API without cookies or CSRF: nobody is signed in there.

/** An API failure with the server's status (429 rate limited, 404 not found, …). */
export class PortalError extends Error {
  constructor(readonly status: number) {
    super(`portal request failed with ${status}`);
  }
}

/** Calls `/api/v1/portal<path>` and checks the answer against its schema. */
export async function portalRequest<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/portal${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    credentials: "omit",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new PortalError(response.status);
  return schema.parse(await response.json());
}

/** A readable message for a failed portal request. */
export function errorText(error: unknown, text: PortalText): string {
  if (error instanceof PortalError && error.status === 429) return text.errorLimit;
  if (error instanceof PortalError && error.status === 404) return text.errorNotFound;
  return text.errorGeneric;
}
