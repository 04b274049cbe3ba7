import { definePlugin, defineDriver, Namespaces, type DriverContext } from '@keystone-ts/plugin-sdk';
import { loadTemplateFile } from './template-file';
import { TemplatedCatalogDriver } from './templated-catalog.driver';

/** The config files in effect, when core's config view exposes them (it does; a bare ConfigView may not). */
function configFiles(ctx: DriverContext): readonly string[] {
  const files = (ctx.config as { files?: unknown }).files;
  return Array.isArray(files) ? (files as string[]) : [];
}

/** Keystone's templated catalog backend: `[catalog] driver = templated`. */
export const catalogTemplatedPlugin = definePlugin({
  id: 'catalog-templated',
  compatibility: '^1.0.0',
  drivers: [
    defineDriver({
      namespace: Namespaces.catalog,
      name: 'templated',
      aliases: ['keystone.catalog.backends.templated.Catalog', 'keystone.catalog.backends.templated.TemplatedCatalog'],
      create: (ctx) => {
        const path = ctx.config.get<string>('catalog', 'template_file');
        const templates = loadTemplateFile(path, configFiles(ctx));
        ctx.logger.info(`Catalog templates loaded from ${path}: ${templates.size} region(s)`);
        return new TemplatedCatalogDriver(templates);
      },
    }),
  ],
});
