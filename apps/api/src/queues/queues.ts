/** Queue and job names with their payloads. Every queue and job name used anywhere is declared here. */
export const QUEUE = {
  system: 'system',
  mail: 'mail',
  reminders: 'reminders',
} as const;

export const JOB = {
  heartbeat: 'heartbeat',
  deliverMail: 'deliver-mail',
  sweepMail: 'sweep-mail',
  planReminders: 'plan-reminders',
} as const;

export interface JobPayloads {
  [JOB.heartbeat]: { requestedAt: string };
  [JOB.deliverMail]: { outboxId: string };
  [JOB.sweepMail]: Record<string, never>;
  [JOB.planReminders]: Record<string, never>;
}

/** Defaults for every job: retried with backoff, completed jobs trimmed, failures kept for the dashboard. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000 },
} as const;
