import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSignedInUser } from "../../session.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { tabsFor } from "../capabilities.ts";
import { ArrivalsPanel } from "./arrivals-panel.tsx";
import { CatalogPanel } from "./catalog-panel.tsx";
import { DashboardPanel, PledgesPanel } from "./figures-panels.tsx";
import { MyQueuePanel } from "./my-applications-panel.tsx";
import { QueuePanel } from "./queue-panel.tsx";

const TABS = [
  { name: "queue", permission: "application.read" },
  { name: "arrivals", permission: "application.read" },
  { name: "myQueue", permission: "application.decide" },
  { name: "dashboard", permission: "pathway.read" },
  { name: "pledges", permission: "pathway.read" },
  { name: "catalog", permission: "pathway.read" },
] as const;
type Tab = (typeof TABS)[number]["name"];

/** Pathways for staff: the queue and its workflow, dashboards, regional pledges, the catalogue. */
export function PathwaysPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const tabs = tabsFor(TABS, user.permissions).map((entry) => entry.name);
  const [chosen, setTab] = useState<Tab | null>(null);
  const tab = chosen !== null && tabs.includes(chosen) ? chosen : tabs[0];
  return (
    <>
      <PageHeading title={t("pages.pathways.title")} />
      <p>
        <a href="/portal">{t("pages.pathways.portalLink")}</a>
      </p>
      <div role="tablist" aria-label={t("pages.pathways.title")}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`pages.pathways.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "queue" && <QueuePanel />}
        {tab === "arrivals" && <ArrivalsPanel />}
        {tab === "myQueue" && <MyQueuePanel />}
        {tab === "dashboard" && <DashboardPanel />}
        {tab === "pledges" && <PledgesPanel />}
        {tab === "catalog" && <CatalogPanel />}
      </div>
    </>
  );
}
