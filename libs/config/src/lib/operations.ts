import { z } from 'zod';

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Operations settings of an environment file: instance refresh, the AMI, alarm notifications, log retention. */
export const operationsFields = {
  /** Share of the desired capacity that stays healthy during an instance refresh; 100 never drops capacity. */
  instanceRefreshMinHealthyPercentage: z
    .number()
    .int('must be a whole percentage between 0 and 100')
    .min(0, 'must be a percentage between 0 and 100')
    .max(100, 'must be a percentage between 0 and 100')
    .default(100),
  /**
   * A fixed AMI for the fleet. Instance refresh can roll back only to a launch template with a real AMI id, not to
   * the SSM alias of the latest Amazon Linux 2023 used when this is unset.
   */
  amiId: z
    .string()
    .regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, 'must be an AMI id such as ami-0123456789abcdef0')
    .optional(),
  /** Address the alarm topic mails; AWS sends a confirmation link first. */
  alarmEmail: z.email('must be an email address such as ops@example.com').optional(),
  /** Days CloudWatch Logs keeps the instances' logs and app metrics. */
  logRetentionDays: z
    .number()
    .refine(
      (days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days),
      `must be one of CloudWatch's retention periods (${LOG_RETENTION_DAYS.join(', ')} days)`,
    )
    .default(30),
};
