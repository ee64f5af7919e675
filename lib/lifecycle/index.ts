// Scheduled e-mails around a visit (through the outbox, each sent once thanks to its dedupeKey)
// and the scheduler that runs them with the personal-data purge.
export { enqueueDueReminders, REMINDER_WINDOW_HOURS } from "./reminders";
export { enqueueFactoryDayBefore, factoryDaySummary, DAY_BEFORE_SEND_HOUR } from "./factory-day";
export { enqueueSurveyInvitations, SURVEY_DELAY_HOURS, SURVEY_MAX_AGE_DAYS } from "./survey-invitations";
export { runScheduledJobs, startScheduler, SCHEDULER_LOCK_KEY, type ScheduledRun } from "./scheduler";
export type { JobResult } from "./shared";
