import { createHmac } from "node:crypto";

// The post-visit survey link carries its own token, derived from the manage token like the ticket
// token (lib/tokens.ts): HMAC is one-way, so the survey link (which people may forward) does not
// reveal the manage link, and being deterministic it is the same on every re-run of the invitation
// job. Only its SHA-256 is stored (Booking.surveyTokenHash).
export function surveyTokenFor(manageToken: string): string {
  return createHmac("sha256", manageToken).update("survey").digest("base64url");
}

/** A circuit stop's survey token: from the circuit booking's manage token and the stop's leg booking. */
export function circuitLegSurveyToken(circuitManageToken: string, legBookingId: string): string {
  return surveyTokenFor(`${circuitManageToken}:${legBookingId}`);
}
