import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { answerHere, reloadAnswers, type SharedAnswer, watchAnswer } from "./shared-answers.ts";

/** The answer to `/api/v1<path>` shared with every component showing it; `reload` asks again for all of them. */
export function useSharedAnswer<T>(path: string, schema: z.ZodType<T>) {
  const [shown, setShown] = useState<SharedAnswer<T>>(() => answerHere(path) ?? { data: null, error: "" });
  // Until the new path's answer comes, the previous one stays on screen (a table being refiltered, say).
  useEffect(
    () =>
      watchAnswer(path, schema, (answer) =>
        setShown((was) => ({ ...answer, data: answer.data ?? was.data })),
      ),
    [path, schema],
  );
  const reload = useCallback(() => reloadAnswers(path), [path]);
  return { data: shown.data, error: shown.error, reload };
}
