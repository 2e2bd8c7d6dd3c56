import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  LegalBasisList,
  type LegalBasisView,
  type ProtectedMarker,
} from "../../../../src/networks/networks.contract.ts";
import { LegalBasisForm } from "./legal-basis-form.tsx";
import { LegalBasisStatus } from "./legal-basis-status.tsx";
import { useNetworksApi } from "./use-networks-api.ts";

/**
 * Protection records behind the wall that touch the entity. Before a legal basis is approved the page holds only
 * the opaque reference the server gave: no case, no date, no identifier of the victim.
 */
export function ProtectedRecords({ markers }: { markers: ProtectedMarker[] }) {
  const { t } = useTranslation();
  // Only an entity with markers asks for the requests (reading them is audited).
  const bases = useNetworksApi(markers.length > 0 ? "/legal-bases" : null, LegalBasisList);
  if (markers.length === 0) return null;
  return (
    <section aria-labelledby="networks-protected" className="notice">
      <h3 id="networks-protected">{t("pages.networks.wall.markers.title", { count: markers.length })}</h3>
      <p>{t("pages.networks.wall.markers.intro")}</p>
      <ul>
        {markers.map((m) => (
          <MarkerItem
            key={m.ref}
            protectedRef={m.ref}
            requests={(bases.data?.legalBases ?? []).filter((b) => b.protectedRef === m.ref)}
            onSent={bases.reload}
          />
        ))}
      </ul>
      {bases.error && <p className="alert">{bases.error}</p>}
    </section>
  );
}

function MarkerItem(props: { protectedRef: string; requests: LegalBasisView[]; onSent: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const open = props.requests.some((r) => r.status !== "rejected");
  return (
    <li>
      <p>
        <strong>{t("pages.networks.wall.markers.protected")}</strong>{" "}
        {t("pages.networks.wall.markers.reference", { ref: props.protectedRef })}
      </p>
      {props.requests.map((r) => (
        <LegalBasisStatus key={r.id} basis={r} />
      ))}
      {!open && !asking && (
        <button type="button" className="button-secondary" onClick={() => setAsking(true)}>
          {t("pages.networks.wall.markers.request")}
        </button>
      )}
      {asking && (
        <LegalBasisForm
          protectedRef={props.protectedRef}
          onSent={() => {
            setAsking(false);
            props.onSent();
          }}
        />
      )}
    </li>
  );
}
