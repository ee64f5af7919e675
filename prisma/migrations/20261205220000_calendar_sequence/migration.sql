-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "calendarSequence" INTEGER NOT NULL DEFAULT 0;
