// Expected failures carry a stable code (used by the API and mapped to a French/English message in
// the UI), optionally per-field codes, and the values their message needs (`params`: a count, a cap,
// a site name…), so no domain code writes sentences. Anything else is a bug: logged, shown as a
// generic error.
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number = 422,
    readonly fields: Record<string, string> = {},
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
