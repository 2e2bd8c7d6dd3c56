import { useTranslation } from "react-i18next";
import { Link, usePath } from "../../router.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { FlowsExplorer } from "./flows-explorer.tsx";
import { FlowsMap } from "./flows-map.tsx";
import { FlowsOverview } from "./flows-overview.tsx";
import { FlowsReleases } from "./flows-releases.tsx";

const tabs = [
  { path: "/flows", key: "overview" },
  { path: "/flows/explorer", key: "explorer" },
  { path: "/flows/map", key: "map" },
  { path: "/flows/releases", key: "releases" },
] as const;

/** Flows: overview, series explorer, map of origins, releases and revisions (one address each). */
export function FlowsPage() {
  const { t } = useTranslation();
  const path = usePath();
  const current = tabs.find((tab) => tab.path === path) ?? tabs[0];
  return (
    <>
      <PageHeading title={`${t("pages.flows.title")}: ${t(`pages.flows.tabs.${current.key}`)}`} />
      <nav aria-label={t("pages.flows.tabsLabel")}>
        <ul className="flows-tabs">
          {tabs.map((tab) => (
            <li key={tab.key}>
              <Link to={tab.path} aria-current={tab === current ? "page" : undefined}>
                {t(`pages.flows.tabs.${tab.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.key === "overview" && <FlowsOverview />}
      {current.key === "explorer" && <FlowsExplorer />}
      {current.key === "map" && <FlowsMap />}
      {current.key === "releases" && <FlowsReleases />}
    </>
  );
}
