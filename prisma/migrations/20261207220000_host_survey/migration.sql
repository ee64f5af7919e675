-- The hosts' questionnaire after the event (lib/host-survey).
CREATE TYPE "OpenAgain" AS ENUM ('YES', 'MAYBE', 'NO');

CREATE TABLE "HostSurvey" (
    "id" TEXT NOT NULL,
    "factoryId" TEXT NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "invitedAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "visitorsCame" INTEGER,
    "openAgain" "OpenAgain",
    "recruitmentLeads" INTEGER,
    "apprenticeshipApplications" INTEGER,
    "whatWorked" TEXT,
    "toImprove" TEXT,

    CONSTRAINT "HostSurvey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "HostSurvey_factoryId_key" ON "HostSurvey"("factoryId");
CREATE UNIQUE INDEX "HostSurvey_tokenHash_key" ON "HostSurvey"("tokenHash");

ALTER TABLE "HostSurvey" ADD CONSTRAINT "HostSurvey_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts are never negative.
ALTER TABLE "HostSurvey" ADD CONSTRAINT "HostSurvey_counts_check" CHECK (
  ("visitorsCame" IS NULL OR "visitorsCame" >= 0) AND ("recruitmentLeads" IS NULL OR "recruitmentLeads" >= 0)
  AND ("apprenticeshipApplications" IS NULL OR "apprenticeshipApplications" >= 0));
