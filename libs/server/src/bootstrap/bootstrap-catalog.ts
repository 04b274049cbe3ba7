import type { INestApplicationContext } from '@nestjs/common';
import { CatalogManager } from '@keystone-ts/catalog';
import { DriverHints, isKeystoneError, type Logger } from '@keystone-ts/plugin-sdk';

export interface CatalogBootstrap {
  regionId: string | null;
  serviceName: string;
  adminUrl: string | null;
  publicUrl: string | null;
  internalUrl: string | null;
}

/**
 * The region, the identity service and one endpoint per given interface, as
 * Keystone's bootstrap makes them: an existing endpoint of that interface
 * gets the new URL instead of a duplicate.
 */
export async function bootstrapCatalog(app: INestApplicationContext, o: CatalogBootstrap, log: Logger): Promise<void> {
  const catalog = app.get(CatalogManager);
  if (o.regionId) {
    await catalog.createRegion({ id: o.regionId }).then(
      () => log.info(`Created region ${o.regionId}`),
      (e) => {
        if (!(isKeystoneError(e) && e.code === 409)) throw e;
      },
    );
  }
  const urls = { public: o.publicUrl, internal: o.internalUrl, admin: o.adminUrl };
  if (!urls.public && !urls.internal && !urls.admin) return;
  const existing = (await catalog.listServices(new DriverHints().addFilter('type', 'identity'))).refs;
  const service = existing[0] ?? (await catalog.createService({ type: 'identity', name: o.serviceName, enabled: true }));
  const hints = new DriverHints().addFilter('service_id', service.id);
  if (o.regionId) hints.addFilter('region_id', o.regionId);
  const endpoints = existing.length > 0 ? (await catalog.listEndpoints(hints)).refs : [];
  for (const [iface, url] of Object.entries(urls)) {
    if (!url) continue;
    const found = endpoints.find((e) => e.interface === iface);
    if (found) {
      if (found.url !== url) await catalog.updateEndpoint(found.id, { url });
      continue;
    }
    await catalog.createEndpoint({ interface: iface, url, service_id: service.id, enabled: true, ...(o.regionId ? { region_id: o.regionId } : {}) });
    log.info(`Created ${iface} endpoint ${url}`);
  }
}
