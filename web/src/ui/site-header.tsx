import type { MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch.tsx";

// Focus the main region directly: following "#main" would add a hash to the address and a history entry.
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  const main = document.getElementById("main");
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** The skip link and the banner shared by the sign-in page and the shell; `children` go after the language switch. */
export function SiteHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a real in-page link; the handler only keeps "#main" out of history */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t("skipLink")}
      </a>
      <header className="site-header">
        <div className="brand">
          <span className="brand-name">{t("app.name")}</span>
          <span className="brand-tagline">{t("app.tagline")}</span>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          {children}
        </div>
      </header>
    </>
  );
}
