import type { z } from "zod";
import { useSharedAnswer } from "../../use-shared-answer.ts";

/**
 * Loads `/api/v1<path>` with its schema; `reload` fetches again after a change. Panels asking for the same path
 * share one request and one copy (`shared-answers.ts`), so a reload shows in all of them.
 */
export function useApi<T>(path: string, schema: z.ZodType<T>) {
  return useSharedAnswer(path, schema);
}
