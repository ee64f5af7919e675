-- AlterTable
ALTER TABLE "Factory" ADD COLUMN     "jobOffersUrl" TEXT,
ADD COLUMN     "takesApprentices" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "testimonialText" TEXT,
ADD COLUMN     "testimonialVideoUrl" TEXT;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "discoveredRomeCode" VARCHAR(5);

-- CreateTable
CREATE TABLE "FactoryJob" (
    "id" TEXT NOT NULL,
    "factoryId" TEXT NOT NULL,
    "romeCode" VARCHAR(5) NOT NULL,
    "sentence" VARCHAR(200) NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FactoryJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FactoryJob_factoryId_romeCode_key" ON "FactoryJob"("factoryId", "romeCode");

-- AddForeignKey
ALTER TABLE "FactoryJob" ADD CONSTRAINT "FactoryJob_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Guards the domain also checks (lib/factory/job-schemas.ts): links over https only, a short testimonial.
ALTER TABLE "Factory" ADD CONSTRAINT "Factory_jobOffersUrl_https" CHECK ("jobOffersUrl" IS NULL OR "jobOffersUrl" LIKE 'https://%');
ALTER TABLE "Factory" ADD CONSTRAINT "Factory_testimonialVideoUrl_https" CHECK ("testimonialVideoUrl" IS NULL OR "testimonialVideoUrl" LIKE 'https://%');
ALTER TABLE "Factory" ADD CONSTRAINT "Factory_testimonialText_length" CHECK (char_length("testimonialText") <= 600);
