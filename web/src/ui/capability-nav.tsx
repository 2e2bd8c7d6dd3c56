import { useTranslation } from "react-i18next";
import { CAPABILITIES } from "../pages/capabilities.ts";
import { capabilityAt, capabilityPath } from "../pages/routes.ts";
import { Link, usePath } from "../router.tsx";

/** The main navigation: a list of links, the current page marked with aria-current. */
export function CapabilityNav() {
  const { t } = useTranslation();
  const path = usePath();
  const current = capabilityAt(path);
  const entries = [
    { path: "/", label: t("nav.overview"), active: path === "/" },
    ...CAPABILITIES.map((capability) => ({
      path: capabilityPath(capability),
      label: t(`nav.${capability}`),
      active: capability === current,
    })),
  ];
  return (
    <nav className="capability-nav" aria-label={t("shell.navLabel")}>
      <ul>
        {entries.map((entry) => (
          <li key={entry.path}>
            <Link to={entry.path} aria-current={entry.active ? "page" : undefined}>
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
