import { OpenAPIHono } from "@hono/zod-openapi";
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

/**
 * A router whose request validation failures become the one error shape (400 BAD_INPUT with the fields),
 * used by every capability for its routes.
 */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      throw new AppError(
        "BAD_INPUT",
        `invalid ${result.target}: ${issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; ")}`,
        {
          issues,
        },
      );
    },
  });
}
