// A fixture the placement tests share.

/**
 * HISTORY.csv of past outcomes on which the outcome model steers a needs group away: Arabic speakers did badly
 * in L2 (40 of 200 employed), except the women at risk among them (70 of 100), who did better there than in L1
 * (60 of 100). A model on languages sends every Arabic speaker to L1, and the fairness report flags
 * `woman_at_risk at L2` (docs/placement.md, the fairness criterion).
 */
export function steeringHistory(): string {
  const lines = ["case_id,languages,specific_needs,nationality,locality,outcome"];
  const add = (
    prefix: string,
    count: number,
    language: string,
    need: string,
    locality: string,
    employed: number,
  ) => {
    const nationality = language === "ar" ? "SYR" : "VEN";
    for (let i = 0; i < count; i++)
      lines.push(
        `${prefix}${locality}${i},${language},${need},${nationality},${locality},${i < employed ? 1 : 0}`,
      );
  };
  add("E", 400, "es", "", "L1", 200);
  add("E", 400, "es", "", "L2", 200);
  add("A", 200, "ar", "", "L1", 120);
  add("A", 200, "ar", "", "L2", 40);
  add("W", 100, "ar", "woman_at_risk", "L1", 60);
  add("W", 100, "ar", "woman_at_risk", "L2", 70);
  return `${lines.join("\n")}\n`;
}
