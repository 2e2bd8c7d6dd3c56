import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { ApiError, apiRequest } from "../../api.ts";

/** Loads one API answer and reloads on demand; errors become a message to show. */
export function useLoad<T>(path: string | null, schema: z.ZodType<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // The reload counter is part of the request's key, so a reload fetches again.
  const key = path === null ? null : `${tick}:${path}`;
  useEffect(() => {
    if (key === null) return;
    const target = key.slice(key.indexOf(":") + 1);
    let live = true;
    setError(null);
    apiRequest(target, { schema })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [key, schema]);
  return { data, error, reload };
}

/** The message of a failed call, for an alert region. */
export function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}
