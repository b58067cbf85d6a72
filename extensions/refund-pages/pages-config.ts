import { type BackendConfigResult, readBackendConfig } from '../shared/backend-config';
import checkedInConfig from './backend-config.json';

/** `npm run build` rewrites backend-config.json from BACKEND_URL; the checked-in file is for development. */
export const PAGES_CONFIG: BackendConfigResult = readBackendConfig(checkedInConfig);
