import { expect, type APIRequestContext } from "@playwright/test";

// The app's clock (lib/clock.ts): the e2e server runs with TEST_CLOCK=1, so a journey can move time
// (booking windows, school reservations, the door's "today") instead of moving rows in the database.
// null: real time again. Journeys that move it put it back when they end.
export async function setAppClock(request: APIRequestContext, at: Date | null) {
  const response = await request.post("/dev/horloge", { data: { iso: at ? at.toISOString() : null } });
  expect(response.status(), "POST /dev/horloge").toBe(200);
}
