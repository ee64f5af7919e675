// The form-level message of an action state (or of a page an action led to): announced to screen
// readers when it changes. `reserveSpace` keeps a line for it so the form does not jump.
export function FormMessage({ message, tone = "error", reserveSpace = true }: { message?: string; tone?: "error" | "success"; reserveSpace?: boolean }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} aria-live="polite" className={reserveSpace ? "min-h-6" : undefined}>
      {message && (
        <p className={`rounded-md px-4 py-3 ${tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}>{message}</p>
      )}
    </div>
  );
}
