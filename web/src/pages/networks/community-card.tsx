import { useTranslation } from "react-i18next";
import type { CommunityDetail, CommunitySummary } from "../../../../src/networks/networks.contract.ts";
import { RoleBadge, RoleSection } from "./entity-role.tsx";

/**
 * A community's assessment: score, the indicators it shows (with why they matter), key actors (suspects and
 * unknowns only) and why; with the detail, its victims and clients listed apart.
 */
export function CommunityCard({
  community,
  onOpen,
}: {
  community: CommunitySummary | CommunityDetail;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = `community-${community.id}`;
  return (
    <article className="community-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("pages.networks.community.title", { id: community.id, size: community.size })}
        {community.flagged && <strong className="flag"> · {t("pages.networks.community.flagged")}</strong>}
      </h3>
      <p>{t("pages.networks.community.score", { score: community.score.toFixed(2) })}</p>
      <table className="data-table">
        <caption>{t("pages.networks.community.keyActors", { id: community.id })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.networks.community.actor")}</th>
            <th scope="col">{t("pages.networks.roles.label")}</th>
            <th scope="col">{t("pages.networks.community.why")}</th>
          </tr>
        </thead>
        <tbody>
          {community.keyActors.map((a) => (
            <tr key={a.entity.id}>
              <td>
                <button type="button" className="button-secondary" onClick={() => onOpen(a.entity.id)}>
                  {t(`pages.networks.types.${a.entity.type}`, { defaultValue: a.entity.type })}{" "}
                  {a.entity.value}
                </button>
              </td>
              <td>
                <RoleBadge role={a.entity.role} />
              </td>
              <td>
                <ul className="reasons">
                  {a.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {"victims" in community && (
        <>
          <RoleSection
            title={t("pages.networks.roles.victims", { count: community.victims.length })}
            entities={community.victims}
            none={t("pages.networks.roles.noVictims")}
            onOpen={onOpen}
          />
          <RoleSection
            title={t("pages.networks.roles.clients", { count: community.clients.length })}
            entities={community.clients}
            none={t("pages.networks.roles.noClients")}
            onOpen={onOpen}
          />
        </>
      )}
      <details>
        <summary>{t("pages.networks.community.indicators", { count: community.indicators.length })}</summary>
        <ul>
          {community.indicators.map((i) => (
            <li key={i.id}>
              <strong>{i.title}</strong> ({i.value} ≥ {i.atLeast}): {i.explanation}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}
