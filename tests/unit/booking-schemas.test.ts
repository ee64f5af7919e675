import { describe, expect, it } from "vitest";
import { bookingInput, cancelInput, changeSeatsInput, groupBookingInput, individualBookingInput, schoolGroupBookingInput } from "@/lib/booking/schemas";
import { fieldCodes as codes, validPersonBooking as person, validSchoolBooking as school } from "../fixtures/schema-inputs";

describe("individualBookingInput", () => {
  it("parses form values: numbers as strings, the checkbox, blank optional fields, mixed-case e-mail", () => {
    const parsed = individualBookingInput.parse({
      ...person,
      seats: "3",
      minors: "1",
      consent: "on",
      email: "  Camille@Example.FR ",
      phone: " ",
      participantNames: "",
    });
    expect(parsed).toEqual({ ...person, seats: 3, minors: 1, email: "camille@example.fr", phone: undefined, participantNames: undefined, locale: "fr" });
  });

  it("needs an adult with minors", () => {
    expect(codes(individualBookingInput, { ...person, seats: 2, minors: 2 })).toEqual({ minors: "minors.need_adult" });
    expect(codes(individualBookingInput, { ...person, seats: 1, minors: 0 })).toEqual({});
  });

  it("drops NUL characters, which PostgreSQL text cannot hold", () => {
    const parsed = individualBookingInput.parse({ ...person, contactName: "Ana\u0000ïs", participantNames: "\u0000" });
    expect(parsed.contactName).toBe("Anaïs");
    expect(parsed.participantNames).toBeUndefined();
  });

  it("reports codes, not prose", () => {
    expect(
      codes(individualBookingInput, {
        ...person,
        seats: 0,
        contactName: " ",
        email: "nope",
        phone: "abc",
        consent: "off",
        locale: "de",
        idempotencyKey: "short",
      }),
    ).toEqual({
      seats: "seats.too_few",
      contactName: "contactName.required",
      email: "email.invalid",
      phone: "phone.invalid",
      consent: "consent.required",
      locale: "locale.invalid",
      idempotencyKey: "idempotencyKey.invalid",
    });
    expect(codes(individualBookingInput, { ...person, seats: 2.5 })).toEqual({ seats: "seats.invalid" });
    expect(codes(individualBookingInput, { ...person, seats: 51 })).toEqual({ seats: "seats.too_many" });
  });
});

describe("groupBookingInput", () => {
  it("normalises the UAI and checks its key", () => {
    expect(schoolGroupBookingInput.parse({ ...school, schoolUai: " 0750654d " }).schoolUai).toBe("0750654D");
    expect(codes(groupBookingInput, { ...school, schoolUai: "0750654E" })).toEqual({ schoolUai: "group.uai_invalid" });
    expect(codes(groupBookingInput, { ...school, schoolUai: "75" })).toEqual({ schoolUai: "group.uai_invalid" });
  });

  it("requires an adult, a known class level and a phone number", () => {
    expect(codes(groupBookingInput, { ...school, adults: 0, classLevel: "Master", phone: undefined })).toEqual({
      adults: "group.adult_required",
      classLevel: "classLevel.invalid",
      phone: "phone.required",
    });
  });

  it("takes a coach request only with its box ticked: pupils (no more than the class) and a departure postal code", () => {
    expect(schoolGroupBookingInput.parse({ ...school, transport: "on", transportPupils: "18", departurePostalCode: " 69003 ", departureCommuneCode: "" })).toMatchObject({
      transport: true,
      transportPupils: 18,
      departurePostalCode: "69003",
      departureCommuneCode: undefined,
    });
    expect(codes(groupBookingInput, { ...school, transport: "on" })).toEqual({ transportPupils: "transportPupils.required", departurePostalCode: "postalCode.required" });
    expect(codes(groupBookingInput, { ...school, transport: "on", transportPupils: school.students + 1, departurePostalCode: "6900" })).toEqual({
      transportPupils: "transportPupils.more_than_students",
      departurePostalCode: "postalCode.format",
    });
    // Unticked: a plain class booking, whatever else the form sent.
    expect(schoolGroupBookingInput.parse({ ...school, transportPupils: "", departurePostalCode: "" })).toMatchObject({ transport: false, transportPupils: undefined });
  });
});

describe("bookingInput", () => {
  it("dispatches on kind", () => {
    expect(bookingInput.parse(person).kind).toBe("INDIVIDUAL");
    expect(bookingInput.parse(school).kind).toBe("GROUP");
    expect(codes(bookingInput, { ...person, kind: "VIP" })).toEqual({ kind: "kind.invalid" });
  });
});

describe("changeSeatsInput and cancelInput", () => {
  const manageToken = "t".repeat(43);
  it("accepts either a seat count or a group's counts", () => {
    expect(changeSeatsInput.parse({ manageToken, seats: "3" })).toEqual({ manageToken, seats: 3 });
    expect(changeSeatsInput.parse({ manageToken, students: 10, adults: 1 })).toEqual({ manageToken, students: 10, adults: 1 });
    expect(codes(changeSeatsInput, { manageToken, seats: 2, minors: 2 })).toEqual({ minors: "minors.need_adult" });
    expect(codes(changeSeatsInput, { manageToken: "short", seats: 2 })).toEqual({ manageToken: "token.invalid" });
  });

  it("needs a plausible token to cancel", () => {
    expect(cancelInput.parse({ manageToken })).toEqual({ manageToken });
    expect(codes(cancelInput, {})).toEqual({ manageToken: "token.invalid" });
  });
});
