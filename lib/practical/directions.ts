// A link that opens an address in the phone's maps app. Not a `geo:` URI: iOS does not open it.
// Google's documented "Maps URLs" form is universal: Android hands it to the Maps app, iOS to Google
// Maps when installed, and any other device opens it in the browser; an OpenStreetMap link would
// always stay in the browser.
export function directionsUrl(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address.replace(/\s+/g, " ").trim())}`;
}

export type Place = { address: string; postalCode: string; communeName: string };

/** "12 rue des Forges, 69003 Lyon": the site's address on one line, as maps apps search it. */
export const oneLineAddress = (place: Place) => `${place.address}, ${place.postalCode} ${place.communeName}`;
