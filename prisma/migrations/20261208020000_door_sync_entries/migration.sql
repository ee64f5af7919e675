-- CreateTable
CREATE TABLE "DoorSyncEntry" (
    "deviceId" VARCHAR(64) NOT NULL,
    "entryId" VARCHAR(64) NOT NULL,
    "factoryId" TEXT NOT NULL,
    "bookingId" TEXT,
    "result" VARCHAR(40) NOT NULL,
    "params" JSONB,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "syncedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoorSyncEntry_pkey" PRIMARY KEY ("deviceId","entryId")
);

-- CreateIndex
CREATE INDEX "DoorSyncEntry_factoryId_idx" ON "DoorSyncEntry"("factoryId");

-- AddForeignKey
ALTER TABLE "DoorSyncEntry" ADD CONSTRAINT "DoorSyncEntry_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;
