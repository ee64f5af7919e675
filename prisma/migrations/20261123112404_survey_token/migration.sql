/*
  Warnings:

  - A unique constraint covering the columns `[surveyTokenHash]` on the table `Booking` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "surveyTokenHash" CHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "Booking_surveyTokenHash_key" ON "Booking"("surveyTokenHash");
