import type { z } from "zod";
import type { PortalText } from "./portal-text.ts";

// The portal talks to the public API without cookies or CSRF: nobody is signed in there.

/** An API failure with the server's status (429 rate limited, 404 not found, …) and its named refusal. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | null = null,
  ) {
    super(`portal request failed with ${status}`);
  }
}

/** The refusal an error answer names in `details.reason`, or null (no body, not JSON, none named). */
async function reasonOf(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: { details?: { reason?: unknown } } };
    const reason = body.error?.details?.reason;
    return typeof reason === "string" ? reason : null;
  } catch {
    return null;
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
  if (!response.ok) throw new PortalError(response.status, await reasonOf(response));
  return schema.parse(await response.json());
}

/** A readable message for a failed portal request: the named refusal's, else the status's. */
export function errorText(error: unknown, text: PortalText): string {
  if (!(error instanceof PortalError)) return text.errorGeneric;
  const refusals: Record<string, string> = text.refusals;
  if (error.reason !== null && refusals[error.reason]) return refusals[error.reason] as string;
  if (error.status === 429) return text.errorLimit;
  if (error.status === 404) return text.errorNotFound;
  return text.errorGeneric;
}
