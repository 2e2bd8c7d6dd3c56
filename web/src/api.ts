import i18next from "i18next";
import type { z } from "zod";
import { CSRF_HEADER, ErrorBody } from "../../src/platform/auth/auth.contract.ts";
import { errorText, type ServerRefusal, type Translate } from "./error-text.ts";

/**
 * An answer from the API that was not a success. Its `message` is the refusal in the user's language (so every
 * place that shows an error shows it readable); `serverMessage` keeps the server's English for the console.
 */
export class ApiError extends Error {
  readonly serverMessage: string;

  constructor(
    readonly status: number,
    readonly code: string,
    serverMessage: string,
    readonly details?: unknown,
  ) {
    super(readable({ status, code, message: serverMessage, details }));
    this.serverMessage = serverMessage;
    this.name = "ApiError";
  }
}

/** The refusal in the user's language; should the details be of a shape nobody foresaw, the server's sentence. */
function readable(refusal: ServerRefusal): string {
  try {
    return errorText(refusal, i18next.t as Translate, i18next.language);
  } catch {
    return refusal.message;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions<T> {
  method?: Method;
  body?: unknown;
  /** Schema the answer must satisfy; omit for answers without a body (204). */
  schema?: z.ZodType<T>;
}

// The CSRF token lives in memory only: the session cookie is httpOnly, the token comes from login and /auth/me.
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token to echo on every state-changing request (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when the server says the session is gone (401 on a call other than login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Calls `/api/v1<path>` with the session cookie, the CSRF header on writes, and the one error shape. */
export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "the server could not be reached");
  }
  if (!response.ok) throw await toApiError(response, path);
  if (!options.schema || response.status === 204) return undefined as T;
  return options.schema.parse(await response.json());
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  if (response.status === 401 && !path.startsWith("/auth/")) onUnauthorized?.();
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return new ApiError(response.status, "UNKNOWN", response.statusText);
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code, message, details);
}
