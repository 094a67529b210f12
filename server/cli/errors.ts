/** Wrong command line: unknown command or option, missing argument (exit 2). */
export class UsageError extends Error {}

/** Well-formed command line, but the input is bad: a file, a row, a value (exit 1). */
export class BadInput extends Error {}
