// Personal data (GDPR): a visitor gets or deletes their data from their booking link; every
// edition's visitors' data is purged `dataRetentionDays` after its last day (lib/lifecycle runs it).
export { exportBookingData, EXPORT_FORMAT, getPrivacyView, type BookingDataExport, type PrivacyView } from "./export";
export {
  deleteBookingData,
  ERASED_NAME,
  erasedEmail,
  purgeDate,
  purgeDueEditions,
  purgeEdition,
  type DeleteResult,
  type ErasureReason,
  type PurgeResult,
} from "./erase";
