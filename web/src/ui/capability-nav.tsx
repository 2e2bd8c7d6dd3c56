import { useTranslation } from "react-i18next";
import { capabilitiesFor } from "../pages/capabilities.ts";
import { capabilityAt, capabilityPath } from "../pages/routes.ts";
import { Link, usePath } from "../router.tsx";
import { useSignedInUser } from "../session.tsx";

/** The main navigation: the sections the user's roles open, the current page marked with aria-current. */
export function CapabilityNav() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const path = usePath();
  const current = capabilityAt(path);
  const entries = [
    { path: "/", label: t("nav.overview"), active: path === "/" },
    ...capabilitiesFor(user.permissions).map((capability) => ({
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
