/** Whether a person has a name at all: a given name or a surname (a record nobody can name helps nobody). */
export function hasAName(p: { givenNames: readonly string[]; surnames: readonly string[] }): boolean {
  return p.givenNames.length + p.surnames.length > 0;
}

/** What a nameless person is told, with the field it is reported on. */
export const NO_NAME = {
  field: "givenNames",
  message: "a person needs at least one given name or surname",
} as const;
