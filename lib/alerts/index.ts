// « Prévenez-moi »: e-mail alerts with double opt-in, a daily digest at most (bookings open, new
// visits in the person's department, the next edition), one-click unsubscribe (RFC 8058) and the
// purge with the rest of the personal data.
export { communeChoices, confirmAlerts, isConfirmLinkValid, requestAlerts, unsubscribeAlerts } from "./subscriptions";
export { enqueueAlertDigests, DIGEST_MAX_VISITS } from "./digest";
export { purgeAlertSubscriptions, type AlertPurgeResult } from "./purge";
export { alertSubscriptionStats } from "./stats";
