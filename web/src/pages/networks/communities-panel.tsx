import { useTranslation } from "react-i18next";
import { CommunityList } from "../../../../src/networks/networks.contract.ts";
import { CommunityCard } from "./community-card.tsx";
import { useNetworksApi } from "./use-networks-api.ts";

/** The flagged communities, most suspicious first, each with its key actors and the reasons. */
export function CommunitiesPanel({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { data, error } = useNetworksApi("/communities?flagged=true&limit=20", CommunityList);
  if (error) return <p className="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <section aria-labelledby="networks-communities">
      <h2 id="networks-communities">{t("pages.networks.communities.title")}</h2>
      <p>
        {t("pages.networks.communities.summary", {
          links: data.summary.links,
          entities: data.summary.entities,
          communities: data.summary.communities,
          flagged: data.communities.length,
        })}
      </p>
      {data.communities.length === 0 && (
        <p className="alert alert-empty">{t("pages.networks.communities.none")}</p>
      )}
      {data.communities.map((c) => (
        <CommunityCard key={c.id} community={c} onOpen={onOpen} />
      ))}
    </section>
  );
}
