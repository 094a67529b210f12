// What the Explore sandbox answers when it refuses or stops a query: a 400 with DuckDB's or our words.
export class SandboxError extends Error {}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
