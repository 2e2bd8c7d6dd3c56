import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AssignmentPage } from "../../../../src/placement/placement.contract.ts";
import { formatScore, usePlacementApi } from "./use-placement-api.ts";

const PAGE = 25;

/** The run's cases, a page at a time, optionally one nation's: place, next best, difference, status. */
export function CaseTable({
  runId,
  nations,
  nation,
  onNation,
  onExplain,
}: {
  runId: string;
  nations: string[];
  nation: string;
  onNation: (nation: string) => void;
  onExplain: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  // The page offset belongs to the nation it was chosen for: another nation (from the map too) starts at 0.
  const [paging, setPaging] = useState({ nation, offset: 0 });
  const offset = paging.nation === nation ? paging.offset : 0;
  const setOffset = (value: number) => setPaging({ nation, offset: value });
  const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (nation) query.set("nation", nation);
  const page = usePlacementApi(`/runs/${runId}/assignments?${query}`, AssignmentPage);
  const status = (overridden: boolean, placed: boolean) => {
    if (overridden) return t("pages.placement.table.overridden");
    return placed ? t("pages.placement.table.recommended") : t("pages.placement.table.unplaced");
  };
  return (
    <section aria-labelledby="placement-cases">
      <h2 id="placement-cases">{t("pages.placement.table.title")}</h2>
      <div className="field">
        <label htmlFor="placement-nation">{t("pages.placement.table.filter")}</label>
        <select id="placement-nation" value={nation} onChange={(e) => onNation(e.target.value)}>
          <option value="">{t("pages.placement.table.all")}</option>
          {nations.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {page.error && <p className="alert">{page.error}</p>}
      {!page.data && !page.error && <p aria-busy="true">{t("loading")}</p>}
      {page.data && (
        <>
          <table className="data-table">
            <caption>
              {t("pages.placement.table.caption", {
                from: page.data.total === 0 ? 0 : offset + 1,
                to: offset + page.data.rows.length,
                total: page.data.total,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.placement.table.case")}</th>
                <th scope="col">{t("pages.placement.table.size")}</th>
                <th scope="col">{t("pages.placement.table.place")}</th>
                <th scope="col">{t("pages.placement.table.score")}</th>
                <th scope="col">{t("pages.placement.table.nextBest")}</th>
                <th scope="col">{t("pages.placement.table.difference")}</th>
                <th scope="col">{t("pages.placement.table.status")}</th>
                <th scope="col">{t("pages.placement.wish.column")}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.rows.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("pages.placement.table.explain", { id: r.caseId })}
                      onClick={() => onExplain(r.caseId)}
                    >
                      {r.caseId}
                    </button>
                  </th>
                  <td>{r.size}</td>
                  <td>{r.placeId ? `${r.placeId} (${r.nation})` : t("pages.placement.table.unplaced")}</td>
                  <td>{formatScore(r.score)}</td>
                  <td>{r.nextBestPlaceId ?? "—"}</td>
                  <td>{formatScore(r.difference, true)}</td>
                  <td>{status(r.overridden, r.placeId !== null)}</td>
                  <td>
                    {r.wish.kind === "none"
                      ? t("pages.placement.wish.none")
                      : t(`pages.placement.wish.${r.wish.kind}.${r.wish.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t("pages.placement.table.previous")}
            </button>{" "}
            <button
              type="button"
              disabled={offset + PAGE >= page.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t("pages.placement.table.next")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
