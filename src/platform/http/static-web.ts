import fs from "node:fs";
import path from "node:path";
import type { Context } from "hono";
import { AppError } from "../errors.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

// The edge refuses such addresses first (refuseMalformedUrl); this keeps the file server safe on its own.
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw new AppError("BAD_INPUT", "the address has malformed percent-encoding", {
      issues: [{ field: "path", path: "", message: "has malformed percent-encoding" }],
    });
  }
}

/**
 * Serves the built web app: files under `webDir` as they are (hashed assets cached for a year), and
 * index.html for any other path so the app's own router can answer it.
 */
export function serveWeb(webDir: string) {
  const root = path.resolve(webDir);
  return async (c: Context): Promise<Response> => {
    const wanted = path.resolve(root, `.${decodedPath(new URL(c.req.url).pathname)}`);
    const inside = wanted === root || wanted.startsWith(`${root}${path.sep}`);
    const file =
      inside && fs.existsSync(wanted) && fs.statSync(wanted).isFile()
        ? wanted
        : path.join(root, "index.html");
    if (!fs.existsSync(file)) {
      return c.text("The web app is not built yet: run `npm run build:web`.", 503);
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    c.header("Content-Type", TYPES[path.extname(file)] ?? "application/octet-stream");
    c.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return c.body(await fs.promises.readFile(file));
  };
}
