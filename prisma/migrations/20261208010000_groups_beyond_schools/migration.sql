-- CreateEnum
CREATE TYPE "GroupOrganisation" AS ENUM ('EMPLOYMENT', 'ASSOCIATION', 'TRAINING_CENTRE');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "organisationName" VARCHAR(200),
ADD COLUMN     "organisationType" "GroupOrganisation",
ADD COLUMN     "rna" CHAR(10),
ADD COLUMN     "siret" CHAR(14);

-- AlterTable
ALTER TABLE "Slot" ADD COLUMN     "openToEmployment" BOOLEAN NOT NULL DEFAULT false;

-- A group is either a school class (its UAI) or another organisation (its kind, name and SIRET or RNA
-- number), never both. docs/decisions/0017-groups-beyond-schools.md
ALTER TABLE "Booking" DROP CONSTRAINT "Booking_group_check";
ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_group_check" CHECK (
    "kind" = 'INDIVIDUAL'
    OR ("students" >= 0 AND "adults" >= 1 AND "students" + "adults" = "seats"
        AND CASE WHEN "organisationType" IS NULL THEN "schoolUai" IS NOT NULL
                 ELSE "schoolUai" IS NULL AND ("siret" IS NOT NULL OR "rna" IS NOT NULL) END)),
  ADD CONSTRAINT "Booking_organisation_check" CHECK ("organisationType" IS NULL OR "kind" = 'GROUP'),
  ADD CONSTRAINT "Booking_siret_check" CHECK ("siret" ~ '^[0-9]{14}$'),
  ADD CONSTRAINT "Booking_rna_check" CHECK ("rna" ~ '^W[0-9]{9}$');
