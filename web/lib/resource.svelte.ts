// A payload on its way: the page renders loading, error and data states from one object.
// Load functions return promises un-awaited so the page shows at once and fills in.
export class Resource<T> {
  data = $state.raw<T | undefined>(undefined);
  error = $state.raw<string | undefined>(undefined);
  loading = $state(true);

  constructor(promise: Promise<T>) {
    promise.then(
      (value) => {
        this.data = value;
        this.loading = false;
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.loading = false;
      }
    );
  }
}
