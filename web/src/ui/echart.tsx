import * as echarts from "echarts";
import { useEffect, useRef } from "react";

/**
 * An ECharts chart that follows its option, reports clicks on a data item by name, and is disposed with the
 * component. The canvas is an image for assistive technology: `label` says what it shows, and every page
 * puts the same figures in a table beside it.
 */
export function EChart({
  option,
  label,
  height = 320,
  onItemClick,
}: {
  option: echarts.EChartsOption;
  label: string;
  height?: number;
  onItemClick?: (name: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    if (onItemClick) chart.on("click", (event) => onItemClick(String(event.name)));
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option, onItemClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
