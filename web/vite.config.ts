import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The config is run from the repository root (`vite --config web/vite.config.ts`); anchor paths to this folder.
const webRoot = decodeURIComponent(new URL(".", import.meta.url).pathname);

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: { outDir: `${webRoot}dist`, emptyOutDir: true, sourcemap: true },
  // `npm run dev:web` talks to a server started separately with `./bin/hemisphere demo` (port 8080).
  server: { proxy: { "/api": "http://localhost:8080", "/readyz": "http://localhost:8080" } },
});
