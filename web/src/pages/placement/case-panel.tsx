import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CaseExplanation } from "../../../../src/placement/placement.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { formatScore, usePlacementApi } from "./use-placement-api.ts";

type Explanation = CaseExplanation;
type PlaceRef = { placeId: string; nation: string; locality: string };

/** One case: why it was recommended its place, the next-best place, its overrides, and the override form. */
export function CasePanel({
  runId,
  caseId,
  canOverride,
  onChanged,
  onClose,
}: {
  runId: string;
  caseId: string;
  canOverride: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const path = `/runs/${runId}/cases/${encodeURIComponent(caseId)}`;
  const found = usePlacementApi(path, CaseExplanation);
  if (found.error) return <p className="alert">{found.error}</p>;
  if (!found.data) return <p aria-busy="true">{t("loading")}</p>;
  const e = found.data;
  const none = t("pages.placement.explain.none");
  return (
    <section aria-labelledby="placement-case" className="notice">
      <h2 id="placement-case" tabIndex={-1}>
        {t("pages.placement.explain.title", { id: e.caseId })}
      </h2>
      <p>
        {t("pages.placement.explain.family", {
          size: e.size,
          needs: e.needs.join(", ") || none,
          languages: e.languages.join(", ") || none,
        })}
      </p>
      <Why e={e} />
      {e.overrides.length > 0 && <History e={e} />}
      {canOverride && <OverrideForm e={e} path={`${path}/override`} onDone={onChanged} />}
      <button type="button" onClick={onClose}>
        {t("pages.placement.explain.close")}
      </button>
    </section>
  );
}

function usePlaceName() {
  const { t } = useTranslation();
  return (p: PlaceRef | null | undefined, fallback = "—") =>
    p
      ? t("pages.placement.placeName", { locality: p.locality || p.placeId, nation: p.nation, id: p.placeId })
      : fallback;
}

function Why({ e }: { e: Explanation }) {
  const { t } = useTranslation();
  const name = usePlaceName();
  const place = name(e.recommended);
  const lines: string[] = [];
  if (e.reason === "best-place")
    lines.push(t("pages.placement.explain.bestPlace", { place, allowed: e.allowed }));
  if (e.reason === "better-places-full") {
    const full = e.betterButFull.slice(0, 3).join(", ");
    const key = full ? "betterFull" : "betterTaken";
    lines.push(t(`pages.placement.explain.${key}`, { place, rank: e.rank ?? 0, allowed: e.allowed, full }));
  }
  if (e.reason === "no-allowed-place") lines.push(t("pages.placement.explain.noAllowed"));
  if (e.reason === "no-room") lines.push(t("pages.placement.explain.noRoom", { allowed: e.allowed }));
  if (e.recommended) {
    lines.push(
      e.nextBest
        ? t("pages.placement.explain.nextBest", {
            place: name(e.nextBest),
            weight: formatScore(e.nextBest.weight),
            difference: formatScore(e.difference, true),
          })
        : t("pages.placement.explain.noNextBest"),
    );
  }
  if (e.overridden) {
    lines.push(
      e.current
        ? t("pages.placement.explain.current", {
            place: name(e.current),
            score: formatScore(e.current.score),
          })
        : t("pages.placement.explain.currentNone"),
    );
  }
  return (
    <>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </>
  );
}

function History({ e }: { e: Explanation }) {
  const { t, i18n } = useTranslation();
  const unplaced = t("pages.placement.table.unplaced");
  return (
    <>
      <h3>{t("pages.placement.explain.history")}</h3>
      <ul>
        {e.overrides.map((o) => (
          <li key={o.id}>
            {t("pages.placement.explain.historyItem", {
              at: dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(
                new Date(o.at),
              ),
              actor: o.actor,
              from: o.previousPlaceId ?? unplaced,
              to: o.placeId ?? unplaced,
              reason: o.reason,
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

function OverrideForm({ e, path, onDone }: { e: Explanation; path: string; onDone: () => void }) {
  const { t } = useTranslation();
  const name = usePlaceName();
  const choices = e.alternatives.filter((alt) => alt.fits && alt.placeId !== e.current?.placeId);
  const [to, setTo] = useState(e.current ? "" : (choices[0]?.placeId ?? ""));
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    try {
      await apiRequest(`/placement${path}`, {
        method: "POST",
        body: { placeId: to === "" ? null : to, reason },
        schema: CaseExplanation,
      });
      onDone();
    } catch (error) {
      setMessage(t("pages.placement.override.failed", { message: (error as Error).message }));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="placement-override">
      <h3 id="placement-override">{t("pages.placement.override.title")}</h3>
      <p>{t("pages.placement.override.help")}</p>
      <div className="field">
        <label htmlFor="placement-override-to">{t("pages.placement.override.to")}</label>
        <select id="placement-override-to" value={to} onChange={(ev) => setTo(ev.target.value)}>
          {e.current && <option value="">{t("pages.placement.override.unplace")}</option>}
          {choices.map((alt) => (
            <option key={alt.placeId} value={alt.placeId}>
              {t("pages.placement.override.option", {
                place: name(alt),
                score: formatScore(alt.score),
                left: alt.personsLeft,
              })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="placement-override-reason">{t("pages.placement.override.reason")}</label>
        <textarea
          id="placement-override-reason"
          required
          minLength={5}
          maxLength={2000}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
        />
      </div>
      <button type="submit" className="button-primary">
        {t("pages.placement.override.submit")}
      </button>
      <p role="alert" className={message ? "alert" : undefined}>
        {message}
      </p>
    </form>
  );
}
