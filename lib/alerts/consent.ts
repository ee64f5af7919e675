// The consent the « Prévenez-moi » form asks for. Its wording lives in the messages (alerts.form.consent);
// the subscription stores the exact text shown, in the reader's language, and this version. Change
// the version whenever the wording's meaning changes.
export const ALERT_CONSENT_VERSION = "alertes-2026-12";

// An unconfirmed request is erased after this many days; its link stops working then.
export const CONFIRM_VALID_DAYS = 7;
