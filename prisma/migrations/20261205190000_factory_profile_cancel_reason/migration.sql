-- AlterTable
ALTER TABLE "Slot" ADD COLUMN     "cancelReason" VARCHAR(300);
