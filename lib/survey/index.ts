// The post-visit survey: tokens, the answer (once per booking) and the organisers' aggregates.
// Forms import the schema from "@/lib/survey/schemas" directly (no database code in the bundle).
export { surveyTokenFor } from "./tokens";
export { getSurveyByToken, submitSurvey, SURVEY_ERRORS, type SurveyErrorCode, type SurveyView } from "./submit";
export { surveyResults, type SurveyDimension, type SurveyResultRow, type SurveyResults } from "./results";
export * from "./schemas";
