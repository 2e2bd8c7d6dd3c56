import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { startI18n } from "./i18n/index.ts";
import { SessionProvider } from "./session.tsx";
import { App } from "./web-root.tsx";
import "./ui/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

await startI18n();
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
