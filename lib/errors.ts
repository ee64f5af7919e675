// Expected failures carry a stable code (used by the API and mapped to a French/English message in
// the UI) and optionally per-field codes. Anything else is a bug: logged, shown as a generic error.
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number = 422,
    readonly fields: Record<string, string> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
