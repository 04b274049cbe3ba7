import { catalogTemplatedPlugin } from './plugin';

export default catalogTemplatedPlugin;
export { catalogTemplatedPlugin };
export { TemplatedCatalogDriver } from './templated-catalog.driver';
export { parseTemplates, type CatalogTemplates } from './template-parser';
export { locateTemplateFile, loadTemplateFile } from './template-file';
