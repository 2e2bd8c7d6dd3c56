import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../ui/page-heading.tsx";
import { CommunitiesPanel } from "./communities-panel.tsx";
import { EntityWorkspace } from "./entity-workspace.tsx";
import { SearchPanel } from "./search-panel.tsx";
import { SharingPanel } from "./sharing-panel.tsx";

const TABS = ["search", "communities", "sharing"] as const;
type Tab = (typeof TABS)[number];

/** The investigator workspace: search an identifier, its network, communities, and discovery across nations. */
export function NetworksPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("search");
  const [entityId, setEntityId] = useState<string | null>(null);
  const open = (id: string) => {
    setEntityId(id);
    setTab("search");
  };
  return (
    <>
      <PageHeading title={t("pages.networks.title")} />
      <div role="tablist" aria-label={t("pages.networks.title")}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`pages.networks.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "search" && (
          <>
            <SearchPanel onOpen={setEntityId} />
            {entityId && <EntityWorkspace key={entityId} id={entityId} onOpen={open} />}
          </>
        )}
        {tab === "communities" && <CommunitiesPanel onOpen={open} />}
        {tab === "sharing" && <SharingPanel />}
      </div>
    </>
  );
}
