import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Scratch space for bundles and quick-run reports. Under the project's node_modules so that a bundle's external
 * imports (sharp, and the SDK in the naive variant) resolve from the project as they would beside a deployed bundle.
 */
export const SCRATCH_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'doorbell-bench');
