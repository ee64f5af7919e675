-- CreateEnum
CREATE TYPE "PpePolicy" AS ENUM ('PROVIDED', 'REQUIRED_OWN', 'NONE');

-- AlterTable
ALTER TABLE "Slot" ADD COLUMN     "meetingPoint" VARCHAR(200),
ADD COLUMN     "parkingInfo" VARCHAR(200),
ADD COLUMN     "photographyAllowed" BOOLEAN,
ADD COLUMN     "ppe" "PpePolicy" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "publicTransport" VARCHAR(200),
ADD COLUMN     "walkingDistanceMeters" INTEGER;


-- The walking distance on site is a short walk, never negative (the form says 0–5000 m).
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_walkingDistanceMeters_range" CHECK ("walkingDistanceMeters" BETWEEN 0 AND 5000);
