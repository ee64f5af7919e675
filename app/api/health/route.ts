// Liveness probe without database access (also the framework's ceiling in `npm run bench`).
export function GET() {
  return Response.json({ ok: true });
}
