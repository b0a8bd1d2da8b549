import { join } from 'node:path';

/** A tiny stand-in for dist/apps/webapp: tests and the offline rehearsal (when no build exists) ship it instead. */
export const FIXTURE_BUNDLE_DIR = join(__dirname, 'fixture-bundle');
