import { join } from 'node:path';

/** A tiny stand-in for dist/apps/webapp: the offline rehearsal (when no build exists) and the tests ship it instead. */
export const PLACEHOLDER_BUNDLE_DIR = join(__dirname, 'placeholder-bundle');
