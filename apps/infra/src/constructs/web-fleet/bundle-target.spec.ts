import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_NODE_TARGET, FLEET_NODE_MAJOR_VERSIONS } from '@ha-uploads/config';

// The fleet runs the bundle the webapp build makes: the build must not target a Node the fleet never runs.
const BUILD_SCRIPT = join(__dirname, '../../../../webapp/scripts/build.mjs');

describe('the webapp bundle the fleet runs', () => {
  it('is built for the oldest Node the fleet may run', () => {
    // GIVEN
    const script = readFileSync(BUILD_SCRIPT, 'utf8');
    // WHEN
    const targets = [...script.matchAll(/target: '(node\d+)'/g)].map((m) => m[1]);
    // THEN
    expect(targets).toEqual([BUNDLE_NODE_TARGET]);
    expect(BUNDLE_NODE_TARGET).toBe(`node${FLEET_NODE_MAJOR_VERSIONS.default}`);
  });
});
