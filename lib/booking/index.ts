// The booking domain: every entry point (server actions, REST API, factory pages) goes through here.
// Forms import the schemas from "@/lib/booking/schemas" directly (no database code in the bundle).
export { confirmAttendance, releaseTime, type AttendanceAnswer } from "./attendance";
export { book, type BookContext, type BookResult, type PublicBooking } from "./book";
export {
  cancelBooking,
  cancelSlot,
  changeSeats,
  promoteWaitlist,
  type CancelContext,
  type CancelledBy,
  type CancelResult,
  type CancelTarget,
  type PromotedEntry,
} from "./cancel";
export { BOOKING_ERRORS, bookingError, type BookingErrorCode } from "./errors";
export { getBookingByManageToken, getBookingByTicketToken, type ManageBookingView, type TicketView } from "./queries";
export { waitlistPosition, type WaitlistPosition } from "./waitlist";
export * from "./schemas";
