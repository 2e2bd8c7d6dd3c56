import { OpenAPIHono } from "@hono/zod-openapi";
import { fieldIssue } from "../../shared/refusal.ts";
import type { Scope } from "../auth/scope.ts";
import { AppError } from "../errors.ts";

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    scope: Scope;
    csrfToken: string | null;
    sessionSecret: string | null;
  };
}

/** How a request part is named in an issue's `field`, the same way the edge check names it. */
const PART: Record<string, string> = { json: "body", param: "params", query: "query", form: "body" };

/**
 * A router whose request validation failures become the one error shape (400 BAD_INPUT with the fields),
 * used by every capability for its routes. Each issue has `path` (within its part) and `field` (located,
 * e.g. `body.places`), like the issues of the edge check.
 */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const part = PART[result.target] ?? result.target;
      const issues = result.error.issues.map((i) => fieldIssue(part, i));
      throw new AppError(
        "BAD_INPUT",
        `invalid ${part}: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`,
        {
          issues,
        },
      );
    },
  });
}
