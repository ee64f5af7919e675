import { HONEYPOT_FIELD } from "@/lib/security";

// A field people never see nor reach (off-screen, hidden from assistive technologies, out of the tab
// order, no autofill), which bots that fill every input fill. The action checks it on the server with
// isHoneypotFilled(formData) from lib/security.ts and then does nothing.
export function Honeypot() {
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
      <label>
        Ne pas remplir ce champ / Leave this field empty
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
