/**
 * Keystone's collection document: `{<plural>: [...], links: {self, previous,
 * next}}`, plus `truncated: true` when a list limit cut it.
 */
export function collection(
  plural: string,
  refs: unknown[],
  selfUrl: string,
  truncated = false,
): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    [plural]: refs,
    links: { self: selfUrl, previous: null, next: null },
  };
  if (truncated) doc.truncated = true;
  return doc;
}
