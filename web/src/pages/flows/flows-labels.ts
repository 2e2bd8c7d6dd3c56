import { countryLabel, valueDefinition, valueLabel } from "../../../../src/flows/flows-labels.contract.ts";

/** How a dimension's raw value reads on screen: a country's name beside its code, CBP's codes spelled out. */
export function readableValue(dimension: string, value: string, language: string): string {
  if (dimension.endsWith("_iso")) return countryLabel(value, language);
  return valueLabel(dimension, value, language);
}

/** The definition to show as a hint beside a value, when there is one. */
export function valueHint(dimension: string, value: string, language: string): string | undefined {
  return valueDefinition(dimension, value, language);
}
