import { type SpecificNeed, specificNeedOf } from "../../shared/specific-needs.ts";

/**
 * A person's stored needs in the shared vocabulary: legacy codes (written before the registry used the
 * vocabulary) read as their current code, unknown text as `other`, each code once, in the order stored.
 */
export function specificNeedsOf(stored: readonly string[] | undefined): SpecificNeed[] {
  const out: SpecificNeed[] = [];
  for (const code of stored ?? []) {
    const need = specificNeedOf(code) ?? "other";
    if (!out.includes(need)) out.push(need);
  }
  return out;
}
