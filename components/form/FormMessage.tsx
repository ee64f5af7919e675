// The form-level message of an action state: announced to screen readers when it changes.
export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "success" }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} aria-live="polite" className="min-h-6">
      {message && (
        <p className={`rounded-md px-4 py-3 ${tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}>{message}</p>
      )}
    </div>
  );
}
