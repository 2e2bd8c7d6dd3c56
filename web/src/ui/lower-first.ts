/** "Approve" → "approve", to follow "Yes, …" in a confirmation, with the language's own lower case. */
export function lowerFirst(text: string, language: string): string {
  return text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
}
