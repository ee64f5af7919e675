-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "drawApplicationId" TEXT;

-- CreateTable
CREATE TABLE "Draw" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "wishesOpenAt" TIMESTAMPTZ(3) NOT NULL,
    "wishesCloseAt" TIMESTAMPTZ(3) NOT NULL,
    "seed" CHAR(64) NOT NULL,
    "commitment" CHAR(64) NOT NULL,
    "drawnAt" TIMESTAMPTZ(3),
    "record" JSONB,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Draw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrawOffer" (
    "id" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,

    CONSTRAINT "DrawOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrawApplication" (
    "id" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "userId" TEXT,
    "kind" "BookingKind" NOT NULL,
    "seats" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "booker" JSONB NOT NULL,
    "wishes" TEXT[],
    "manageTokenHash" CHAR(64) NOT NULL,
    "manageTokenSealed" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DrawApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Draw_editionId_wishesCloseAt_idx" ON "Draw"("editionId", "wishesCloseAt");

-- CreateIndex
CREATE UNIQUE INDEX "DrawOffer_slotId_key" ON "DrawOffer"("slotId");

-- CreateIndex
CREATE INDEX "DrawOffer_drawId_idx" ON "DrawOffer"("drawId");

-- CreateIndex
CREATE UNIQUE INDEX "DrawApplication_manageTokenHash_key" ON "DrawApplication"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DrawApplication_drawId_email_key" ON "DrawApplication"("drawId", "email");

-- CreateIndex
CREATE INDEX "EmailOutbox_drawApplicationId_idx" ON "EmailOutbox"("drawApplicationId");

-- AddForeignKey
ALTER TABLE "Draw" ADD CONSTRAINT "Draw_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawOffer" ADD CONSTRAINT "DrawOffer_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "Draw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawOffer" ADD CONSTRAINT "DrawOffer_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawApplication" ADD CONSTRAINT "DrawApplication_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "Draw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_drawApplicationId_fkey" FOREIGN KEY ("drawApplicationId") REFERENCES "DrawApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

