import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { NationTotal, RunSummary } from "../../../../src/placement/placement.contract.ts";
import { AMERICAS_MAP, americasShapeName, registerAmericas } from "../../ui/americas-map.ts";
import { EChart } from "../../ui/echart.tsx";

/** The Americas shaded by persons placed per nation; a click on a nation filters the cases table to it. */
export function AllocationMap({
  run,
  nations,
  onNation,
}: {
  run: RunSummary;
  nations: NationTotal[];
  onNation: (nation: string) => void;
}) {
  const { t } = useTranslation();
  const names = useMemo(registerAmericas, []);
  const nationByShape = useMemo(
    () =>
      new Map(
        nations.flatMap((n) => {
          const shape = americasShapeName(names, n.nation);
          return shape ? [[shape, n] as const] : [];
        }),
      ),
    [names, nations],
  );
  const option = useMemo(() => {
    const data = [...nationByShape].map(([name, n]) => ({ name, value: n.assignedPersons }));
    const max = Math.max(1, ...data.map((d) => d.value));
    return {
      tooltip: {
        trigger: "item" as const,
        formatter: (params: unknown) => {
          const shape = String((params as { name?: string }).name ?? "");
          const n = nationByShape.get(shape);
          if (!n) return shape;
          return t("pages.placement.map.tooltip", {
            nation: shape,
            persons: n.assignedPersons,
            cases: n.assignedCases,
          });
        },
      },
      visualMap: { min: 0, max, calculable: true, left: "left" },
      series: [{ type: "map" as const, map: AMERICAS_MAP, roam: true, data }],
    };
  }, [nationByShape, t]);
  const click = useCallback(
    (name: string) => {
      const n = nationByShape.get(name);
      if (n) onNation(n.nation);
    },
    [nationByShape, onNation],
  );
  return (
    <section aria-labelledby="placement-map">
      <h2 id="placement-map">{t("pages.placement.map.title")}</h2>
      <EChart
        option={option}
        label={t("pages.placement.map.label", { label: run.label })}
        height={460}
        onItemClick={click}
      />
    </section>
  );
}
