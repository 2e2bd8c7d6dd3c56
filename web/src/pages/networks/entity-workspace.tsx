import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CommunityDetail,
  type EdgeView,
  type EntityView,
  Neighbourhood,
} from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";
import { CommunityCard } from "./community-card.tsx";
import { EntityRoleControl } from "./entity-role.tsx";
import { NetworkGraph } from "./network-graph.tsx";
import { ProtectedRecords } from "./protected-records.tsx";
import { Timeline } from "./timeline.tsx";
import { useNetworksApi } from "./use-networks-api.ts";

type Node = EntityView & { degree: number };

/** One entity: its graph (expandable), the timeline of its links, its community and the case-file export. */
export function EntityWorkspace({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const first = useNetworksApi(`/entities/${id}/neighbourhood`, Neighbourhood);
  const community = useNetworksApi(`/entities/${id}/community`, CommunityDetail);
  const [extra, setExtra] = useState<{ nodes: Node[]; edges: EdgeView[] }>({ nodes: [], edges: [] });
  const [expandError, setExpandError] = useState("");
  const graph = useMemo(() => {
    const nodes = new Map<string, Node>();
    const edges = new Map<string, EdgeView>();
    for (const n of [...(first.data?.nodes ?? []), ...extra.nodes]) nodes.set(n.id, n);
    for (const e of [...(first.data?.edges ?? []), ...extra.edges]) edges.set(e.id, e);
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }, [first.data, extra]);
  const expand = useCallback((nodeId: string) => {
    apiRequest(`/networks/entities/${nodeId}/neighbourhood`, { schema: Neighbourhood }).then(
      (more) =>
        setExtra((was) => ({ nodes: [...was.nodes, ...more.nodes], edges: [...was.edges, ...more.edges] })),
      (e: Error) => setExpandError(e.message),
    );
  }, []);
  const names = useMemo(() => new Map(graph.nodes.map((n) => [n.id, `${n.type} ${n.value}`])), [graph.nodes]);
  if (first.error) return <p className="alert">{first.error}</p>;
  if (!first.data) return <p aria-busy="true">{t("loading")}</p>;
  const center = first.data.center;
  return (
    <section aria-labelledby="networks-entity">
      <h2 id="networks-entity">
        {t(`pages.networks.types.${center.type}`, { defaultValue: center.type })} {center.value}
      </h2>
      <EntityRoleControl
        key={center.role}
        entity={center}
        onChanged={() => {
          first.reload();
          community.reload();
        }}
      />
      <p>
        <a className="button-secondary" href={`/api/v1/networks/entities/${center.id}/case-file`} download>
          {t("pages.networks.export")}
        </a>
      </p>
      <h3>{t("pages.networks.graph.title")}</h3>
      <p>{t("pages.networks.graph.hint", { nodes: graph.nodes.length, links: graph.edges.length })}</p>
      <ProtectedRecords markers={first.data.protectedRecords} />
      {first.data.truncated && <p className="notice">{t("pages.networks.graph.truncated")}</p>}
      {expandError && <p className="alert">{expandError}</p>}
      <NetworkGraph
        nodes={graph.nodes}
        edges={graph.edges}
        centerId={center.id}
        label={t("pages.networks.graph.label", { value: center.value })}
        onExpand={expand}
      />
      {community.data && <CommunityCard community={community.data} onOpen={onOpen} />}
      {community.error && <p className="notice">{t("pages.networks.community.none")}</p>}
      <Timeline edges={graph.edges} names={names} />
    </section>
  );
}
