import { tokenUuidPlugin } from './plugin';

export { tokenUuidPlugin };
export default tokenUuidPlugin;

export { UuidTokenProvider } from './uuid-token.provider';
