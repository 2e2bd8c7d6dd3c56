import { useEffect, useState } from "react";
import type { z } from "zod";
import { numberFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";

/** `/flows<path>?…` with repeated parameters for arrays and nothing for empty values. */
export function flowsUrl(
  path: string,
  params: Record<string, string | number | string[] | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return `/flows${path}${text ? `?${text}` : ""}`;
}

/** Loads an API answer whenever the URL changes; `error` holds the message of a failure. */
export function useFlows<T>(url: string | null, schema: z.ZodType<T>) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    apiRequest(url, { schema })
      .then((data) => live && setState({ data, loading: false }))
      .catch((error: Error) => live && setState({ error: error.message, loading: false }));
    return () => {
      live = false;
    };
  }, [url, schema]);
  return state;
}

/** A number as people read it in the current language. */
export const formatCount = (value: number, language: string) =>
  numberFormat(language, { maximumFractionDigits: 0 }).format(value);

/** A change on the year as a signed percentage. */
export const formatChange = (change: number | null, language: string) =>
  change === null
    ? "–"
    : numberFormat(language, {
        style: "percent",
        maximumFractionDigits: 1,
        signDisplay: "always",
      }).format(change);
