// Representativity: quotas (caps and targets per region, sector and size band), registration
// phases, the waiting list of factories and organisers' overrides. Server-side entry point; client
// components import "@/lib/representativity/reasons" (pure) to render a reason in French or English.
export { evaluateRegistration, evaluateUnderLock, dimensionStandings } from "./evaluate";
export type { DimensionStanding, Evaluation, EvaluationDetails, RegistrationProfile } from "./evaluate";
export { approveFactory, changeFactoryStatus, factoryForApproval, overrideApproval, reevaluateWaitlisted, reevaluateWaitlistedUnderLock, standingsJson } from "./approval";
export type { FactoryForApproval, OverrideResult, ReevaluationResult } from "./approval";
export { quotaUsage } from "./queries";
export type { QuotaUsageRow } from "./queries";
export { lockEditionQuotas, quotaLockKey, withQuotaLock } from "./lock";
export { registrationStatusEmail, factoryApprovedEmail, factoryDecisionEmail } from "./emails";
export { DIMENSIONS, dimensionValueLabel, parseStatusReason, reasonMessage, statusNote } from "./reasons";
export { quotaStanding, type QuotaStanding } from "./standing";
export type { Dimension, ReasonCode, StatusReason } from "./reasons";
