/** region → service type → key (`publicURL`, `name`, ...) → raw value; insertion-ordered, as Python dicts are. */
export type CatalogTemplates = Map<string, Map<string, Map<string, string>>>;

export class TemplateSyntaxError extends Error {}

/**
 * Keystone's `parse_templates`, line for line: `catalog.<region>.<service>.<key> = <value>`;
 * lines without " = " or not starting with `catalog.` are ignored, `_` in a
 * service becomes `-` ("object-store insists on having a dash"), a later
 * line for the same key replaces the value in place. Where Keystone would
 * crash at start (a second " = ", fewer than four dotted parts), this throws.
 */
export function parseTemplates(text: string, source = '<template>'): CatalogTemplates {
  const out: CatalogTemplates = new Map();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    if (!line.includes(' = ')) return;
    const pieces = line.trim().split(' = ');
    // Keystone unpacks before looking at the key; we only insist for catalog lines.
    if (!pieces[0].startsWith('catalog.')) return;
    if (pieces.length !== 2) throw new TemplateSyntaxError(`${source}:${index + 1}: expected exactly one " = " in a catalog line`);
    const [key, value] = pieces;
    const parts = key.split('.');
    if (parts.length < 4) throw new TemplateSyntaxError(`${source}:${index + 1}: expected catalog.<region>.<service>.<key>, got '${key}'`);
    const [, region, rawService, attr] = parts;
    const service = rawService.replaceAll('_', '-');
    let regionRef = out.get(region);
    if (!regionRef) out.set(region, (regionRef = new Map()));
    let serviceRef = regionRef.get(service);
    if (!serviceRef) regionRef.set(service, (serviceRef = new Map()));
    serviceRef.set(attr, value);
  });
  return out;
}
