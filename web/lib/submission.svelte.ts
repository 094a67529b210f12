// A form's request under way: `saving` while it runs (the button says so and is disabled), and the
// error it ended with as text for the form to show; the next run clears it.
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Submission {
  saving = $state(false);
  error = $state<string>();

  async run(work: () => Promise<void>): Promise<void> {
    this.error = undefined;
    this.saving = true;
    try {
      await work();
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.saving = false;
    }
  }
}
