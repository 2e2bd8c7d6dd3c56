import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { apiRequest } from "../../api.ts";

/** Loads `/api/v1/placement<path>` with its schema (nothing while `path` is null); `reload` fetches again. */
export function usePlacementApi<T>(path: string | null, schema: z.ZodType<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState("");
  const reload = useCallback(() => {
    if (path === null) return;
    setError("");
    apiRequest(`/placement${path}`, { schema }).then(setData, (e: Error) => setError(e.message));
  }, [path, schema]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** Formats a score or weight for people: three decimals, signed when asked. */
export function formatScore(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined) return "—";
  const text = value.toFixed(3);
  return signed && value > 0 ? `+${text}` : text;
}
