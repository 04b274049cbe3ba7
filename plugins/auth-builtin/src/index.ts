import { authBuiltinPlugin } from './plugin';

export default authBuiltinPlugin;
export { authBuiltinPlugin };
