-- When an edition's programme goes public (lib/catalogue/edition.ts). Editions that exist were public
-- from their creation, so they keep being shown as before.
ALTER TABLE "Edition" ADD COLUMN     "catalogueOpensAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

UPDATE "Edition" SET "catalogueOpensAt" = LEAST("createdAt", "bookingOpensAt");
