import * as echarts from "echarts";
import { useEffect, useRef } from "react";
import type { EdgeView, EntityView } from "../../../../src/networks/networks.contract.ts";

const TYPE_ORDER = [
  "person",
  "alias",
  "phone",
  "account",
  "safehouse",
  "address",
  "plate",
  "vehicle",
  "handle",
  "waypoint",
  "route",
];

/** The neighbourhood as an ECharts force graph; clicking a node asks to expand it. */
export function NetworkGraph(props: {
  nodes: (EntityView & { degree: number })[];
  edges: EdgeView[];
  centerId: string;
  label: string;
  onExpand: (id: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { nodes, edges, centerId, label, onExpand } = props;
  useEffect(() => {
    if (!ref.current) return;
    const types = [...new Set([...TYPE_ORDER, ...nodes.map((n) => n.type)])];
    const chart = echarts.init(ref.current);
    chart.setOption({
      legend: { data: types.filter((t) => nodes.some((n) => n.type === t)) },
      series: [
        {
          type: "graph",
          layout: "force",
          roam: true,
          draggable: true,
          force: { repulsion: 120, edgeLength: 60 },
          categories: types.map((name) => ({ name })),
          label: { show: nodes.length <= 60, position: "right", fontSize: 10 },
          data: nodes.map((n) => ({
            id: n.id,
            name: n.value,
            category: types.indexOf(n.type),
            symbolSize: n.id === centerId ? 26 : Math.min(24, 8 + Math.log2(1 + n.degree) * 3),
            value: n.degree,
          })),
          links: edges.map((e) => ({ source: e.source, target: e.target })),
        },
      ],
    });
    chart.on("click", (params) => {
      const data = params.data as { id?: string } | undefined;
      if (params.dataType === "node" && data?.id) onExpand(data.id);
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [nodes, edges, centerId, onExpand]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      className="network-graph"
      style={{ width: "100%", height: 420 }}
    />
  );
}
