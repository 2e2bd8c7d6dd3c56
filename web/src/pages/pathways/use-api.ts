import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { apiRequest } from "../../api.ts";

/** Loads `/api/v1<path>` with its schema; `reload` fetches again after a change. */
export function useApi<T>(path: string, schema: z.ZodType<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState("");
  const reload = useCallback(() => {
    apiRequest(path, { schema }).then(setData, (e: Error) => setError(e.message));
  }, [path, schema]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
