import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../ui/page-heading.tsx";
import { CatalogPanel } from "./catalog-panel.tsx";
import { DashboardPanel, PledgesPanel } from "./figures-panels.tsx";
import { QueuePanel } from "./queue-panel.tsx";

const TABS = ["queue", "dashboard", "pledges", "catalog"] as const;
type Tab = (typeof TABS)[number];

/** Pathways for staff: the queue and its workflow, dashboards, regional pledges, the catalogue. */
export function PathwaysPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("queue");
  return (
    <>
      <PageHeading title={t("pages.pathways.title")} />
      <p>
        <a href="/portal">{t("pages.pathways.portalLink")}</a>
      </p>
      <div role="tablist" aria-label={t("pages.pathways.title")}>
        {TABS.map((name) => (
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
        {tab === "dashboard" && <DashboardPanel />}
        {tab === "pledges" && <PledgesPanel />}
        {tab === "catalog" && <CatalogPanel />}
      </div>
    </>
  );
}
