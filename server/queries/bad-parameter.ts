// A parameter that passed its schema but names something the data does not have (an unknown
// sort column, a bucket that does not exist): a 400 naming it, never a 500 (app.ts).
export class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string
  ) {
    super(`${parameter}: ${message}`);
  }
}
