import { Hono } from "hono";
import { pingDatabase } from "../db/connect.ts";
import type { Platform } from "../platform.ts";
import type { AppEnv } from "./app-env.ts";
import { newRouter } from "./app-env.ts";
import { API_BODY_LIMIT, largeBodyRoutes, limitBodyByRoute } from "./body-limit.ts";
import { refuseMalformedJsonBody, refuseMalformedUrl } from "./edge-input.ts";
import { handleError, handleNotFound } from "./errors-middleware.ts";
import { requestId, resolveCredentials, securityHeaders } from "./middleware.ts";
import { API_DOCS_HTML, API_DOCS_JS } from "./openapi-docs.ts";
import { serveWeb } from "./static-web.ts";

/** A capability's routes and where they hang under `/api/v1`. */
export interface ApiMount {
  path: string;
  router: ReturnType<typeof newRouter>;
}

/** Builds the whole HTTP application: health, the versioned API with its OpenAPI document, docs, and the web app. */
export function createHttpApp(platform: Platform, mounts: ApiMount[]) {
  const app = new Hono<AppEnv>();
  app.use("*", requestId, securityHeaders, refuseMalformedUrl);
  app.onError(handleError);

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    await pingDatabase(platform.database.db);
    return c.json({ status: "ready", database: platform.database.kind });
  });

  const api = newRouter();
  // Every body is bounded before anything reads it: API_BODY_LIMIT, or the larger limit an upload route declared.
  const uploads = mounts.flatMap((m) => largeBodyRoutes(m.router, `/api/v1${m.path === "/" ? "" : m.path}`));
  api.use(
    "*",
    limitBodyByRoute(API_BODY_LIMIT, uploads),
    refuseMalformedJsonBody,
    resolveCredentials(platform.sessions),
  );
  for (const mount of mounts) api.route(mount.path, mount.router);
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });
  api.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "hemisphere_session",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Hemisphere API",
      version: "1",
      description: "The shared platform for managing migration together across the Americas.",
    },
  });
  api.notFound(handleNotFound);
  app.route("/api/v1", api);

  app.get("/api/docs", (c) => c.html(API_DOCS_HTML));
  app.get("/api/docs/docs.js", (c) =>
    c.body(API_DOCS_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  app.all("/api/*", handleNotFound);
  app.get("*", serveWeb(platform.config.webDir));
  return app;
}
