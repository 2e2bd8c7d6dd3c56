import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSignedInUser } from "../../session.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { CommunitiesPanel } from "./communities-panel.tsx";
import { EntityWorkspace } from "./entity-workspace.tsx";
import { LegalBasesPanel } from "./legal-bases-panel.tsx";
import { LegalBasisDecisions } from "./legal-basis-decisions.tsx";
import { SearchPanel } from "./search-panel.tsx";
import { SharingPanel } from "./sharing-panel.tsx";

const INVESTIGATOR_TABS = ["search", "communities", "sharing", "legalBases"] as const;
type Tab = (typeof INVESTIGATOR_TABS)[number] | "decisions";

/** The tabs a user's permissions open: investigators work the networks, the protection side decides bases. */
function tabsFor(permissions: readonly string[]): Tab[] {
  const tabs: Tab[] = permissions.includes("network.read") ? [...INVESTIGATOR_TABS] : [];
  if (permissions.includes("protection.decide")) tabs.push("decisions");
  return tabs;
}

/** The investigator workspace: search an identifier, its network, communities, sharing, and the wall. */
export function NetworksPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const tabs = tabsFor(user.permissions);
  const [chosen, setTab] = useState<Tab | null>(null);
  const tab = chosen !== null && tabs.includes(chosen) ? chosen : tabs[0];
  const [entityId, setEntityId] = useState<string | null>(null);
  const open = (id: string) => {
    setEntityId(id);
    setTab("search");
  };
  return (
    <>
      <PageHeading title={t("pages.networks.title")} />
      {tab === undefined && <p className="notice">{t("pages.networks.wall.noAccess")}</p>}
      {tabs.length > 1 && (
        <div role="tablist" aria-label={t("pages.networks.title")}>
          {tabs.map((name) => (
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
      )}
      <div role={tabs.length > 1 ? "tabpanel" : undefined}>
        {tab === "search" && (
          <>
            <SearchPanel onOpen={setEntityId} />
            {entityId && <EntityWorkspace key={entityId} id={entityId} onOpen={open} />}
          </>
        )}
        {tab === "communities" && <CommunitiesPanel onOpen={open} />}
        {tab === "sharing" && <SharingPanel />}
        {tab === "legalBases" && <LegalBasesPanel />}
        {tab === "decisions" && <LegalBasisDecisions />}
      </div>
    </>
  );
}
