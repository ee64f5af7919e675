-- Rate-limit counters and spent proof-of-work solutions are written on every booking and need no
-- crash safety: UNLOGGED tables skip the write-ahead log (no WAL records, no full-page images, no
-- flush at commit). A crash (not a clean restart) empties them: limits start again from zero and a
-- solution spent in the last 20 minutes could be used once more (docs/decisions/0021-booking-round-trips.md)
-- Prisma's schema cannot say UNLOGGED, and migrate diff does not compare it
ALTER TABLE "rate_limits" SET UNLOGGED;
ALTER TABLE "SpentChallenge" SET UNLOGGED;
