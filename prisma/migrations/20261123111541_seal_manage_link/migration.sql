-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "manageTokenSealed" TEXT;
