import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { ApiError, apiRequest } from "../../api.ts";

/** Loads `/api/v1/border<path>` with its schema; `reload` fetches again after a change. */
export function useBorderApi<T>(path: string, schema: z.ZodType<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState("");
  const reload = useCallback(() => {
    apiRequest(`/border${path}`, { schema }).then(
      (value) => {
        setData(value);
        setError("");
      },
      (e: Error) => setError(e.message),
    );
  }, [path, schema]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** Sends a change to `/api/v1/border<path>`; resolves to the parsed answer or rejects with the server's message. */
export async function borderWrite<T>(
  path: string,
  method: "POST" | "PUT",
  body: unknown,
  schema: z.ZodType<T>,
): Promise<T> {
  return apiRequest(`/border${path}`, { method, body, schema });
}

/** The message to show for a failed call. */
export function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}
