import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { apiRequest } from "../../api.ts";

/** Loads `/api/v1/networks<path>` with its schema (nothing while `path` is null); `reload` fetches again. */
export function useNetworksApi<T>(path: string | null, schema: z.ZodType<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState("");
  const reload = useCallback(() => {
    if (path === null) return;
    setError("");
    apiRequest(`/networks${path}`, { schema }).then(setData, (e: Error) => setError(e.message));
  }, [path, schema]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
