import { z } from 'zod';

/** Node majors the fleet may run: what Amazon Linux 2023 ships (`nodejs22`, `nodejs24`) and Node still supports. */
export const FLEET_NODE_MAJOR_VERSIONS = { supported: [22, 24], default: 22 } as const;

/** The esbuild target of the webapp bundle: the oldest Node the fleet may run. */
export const BUNDLE_NODE_TARGET = `node${Math.min(...FLEET_NODE_MAJOR_VERSIONS.supported)}`;

const supported: readonly number[] = FLEET_NODE_MAJOR_VERSIONS.supported;

/** `nodeMajorVersion` of a deployment config: 22 by default, 24 allowed, anything else refused with the reason. */
export const nodeMajorVersionSchema = z
  .number()
  .int()
  .superRefine((version, ctx) => {
    if (supported.includes(version)) return;
    const why =
      version < 22
        ? `Node ${version} is past its end of life (Node 20 ended in April 2026) and the AWS SDK's releases after January 2027 need Node 22`
        : 'Amazon Linux 2023 ships only nodejs22 and nodejs24 among supported Node versions';
    ctx.addIssue({ code: 'custom', message: `must be ${supported.join(' or ')}: ${why}` });
  })
  .default(FLEET_NODE_MAJOR_VERSIONS.default);
