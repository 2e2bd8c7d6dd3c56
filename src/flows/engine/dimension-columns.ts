/** Dimensions stored as their own columns (the ones official sources use); any other lives in `extra`. */
export const dimensionColumns = [
  "component",
  "land_border_region",
  "area_of_responsibility",
  "state",
  "demographic",
  "citizenship",
  "citizenship_iso",
  "title_of_authority",
  "encounter_type",
  "origin",
  "origin_iso",
  "asylum_country",
  "asylum_country_iso",
] as const;

export type DimensionColumn = (typeof dimensionColumns)[number];

const columnSet: ReadonlySet<string> = new Set(dimensionColumns);

/** True when a dimension is stored as a column of its own. */
export function isDimensionColumn(name: string): name is DimensionColumn {
  return columnSet.has(name);
}
