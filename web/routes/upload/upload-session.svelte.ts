// The upload page's state: the chosen files and options, each file's preview (asked again whenever
// a choice changes; the newest answer wins), the commit with its progress (bytes sent, then the
// server's account of the load, polled while it runs) and its result.
import { api } from '$lib/api.ts';
import { integer } from '$lib/format.ts';
import { previewFile, uploadFiles, type UploadChoices, type UploadPreview } from '$lib/upload.ts';
import { shapeName, uploadFields, type IngestReport } from '../../../server/contracts/uploads.ts';
import type { WriteProgressReport } from '../../../server/contracts/loads.ts';

/** What a file may hold and the date formats a user may choose: the contract's own lists. */
export const SHAPES = shapeName.options;
export const DATE_FORMATS = uploadFields.shape.date_format.unwrap().options;

export type Previewed = { name: string; preview?: UploadPreview; error?: string };
export type Phase = 'idle' | 'sending' | 'loading' | 'done';

const PROGRESS_POLL_MS = 400;

export class UploadSession {
  files = $state.raw<File[]>([]);
  shape = $state('');
  dateFormat = $state('');
  replace = $state(false);
  /** the columns the user chose by hand (field → header); detection does the rest */
  overrides = $state.raw<Record<string, string>>({});
  previews = $state.raw<Previewed[]>([]);
  previewing = $state(false);

  phase = $state<Phase>('idle');
  sent = $state(0);
  total = $state(0);
  result = $state.raw<IngestReport>();
  error = $state<string>();
  /** the server's own account of the load once the bytes are sent: its stage, step and DuckDB's % */
  loadProgress = $state.raw<WriteProgressReport>();
  /** counts the loads this page made, so the list of loads refreshes */
  loadsVersion = $state(0);
  /** what the last undo removed */
  undoMessage = $state<string>();

  #previewSerial = 0;

  choices = $derived<UploadChoices>({
    as: this.shape,
    date_format: this.dateFormat,
    replace: this.replace,
    mapping: this.files.length === 1 ? this.overrides : {}
  });
  percent = $derived(this.total ? Math.round((this.sent / this.total) * 100) : 0);
  /** what stops the commit: a file that cannot be previewed, or a problem a preview names */
  blocking = $derived(
    this.previews.flatMap((p) => (p.error ? [`${p.name}: ${p.error}`] : (p.preview?.problems ?? []).map((text) => `${p.name}: ${text}`)))
  );
  rows = $derived(this.previews.reduce((sum, p) => sum + (p.preview?.row_count ?? 0), 0));
  canCommit = $derived(
    this.files.length > 0 &&
      !this.previewing &&
      this.previews.length === this.files.length &&
      this.blocking.length === 0 &&
      this.phase !== 'sending' &&
      this.phase !== 'loading'
  );
  /** DuckDB's percentage of the statement under way: the load itself until the model rebuild starts */
  checking = $derived(!this.loadProgress?.busy || this.loadProgress.stage !== 'rebuilding');
  loadingText = $derived(
    this.checking
      ? `Sent. Checking and loading ${integer(this.rows)} rows${this.loadProgress?.percentage != null ? `: ${Math.round(this.loadProgress.percentage)} %` : '…'}`
      : `Rows checked; ${this.loadProgress!.step}…`
  );
  loadingValue = $derived(this.checking && this.loadProgress?.percentage != null ? this.loadProgress.percentage : undefined);

  take(list: FileList | null | undefined) {
    this.files = list ? [...list] : [];
    this.shape = '';
    this.dateFormat = '';
    this.overrides = {};
    this.result = undefined;
    this.error = undefined;
    this.phase = 'idle';
    void this.refreshPreviews();
  }

  chooseShape(value: string) {
    this.shape = value;
    this.overrides = {};
    void this.refreshPreviews();
  }

  chooseDateFormat(value: string) {
    this.dateFormat = value;
    void this.refreshPreviews();
  }

  chooseColumn(field: string, header: string) {
    this.overrides = { ...this.overrides, [field]: header };
    void this.refreshPreviews();
  }

  /** Asks the server what each file would load, with the current choices; a newer call wins. */
  async refreshPreviews() {
    const serial = ++this.#previewSerial;
    const wanted = this.choices;
    if (this.files.length === 0) {
      this.previews = [];
      return;
    }
    this.previewing = true;
    const answers: Previewed[] = [];
    for (const file of this.files) {
      try {
        answers.push({ name: file.name, preview: await previewFile(file, wanted) });
      } catch (e) {
        answers.push({ name: file.name, error: e instanceof Error ? e.message : String(e) });
      }
      if (serial !== this.#previewSerial) return;
    }
    this.previews = answers;
    this.previewing = false;
  }

  async commit() {
    if (!this.canCommit) return;
    this.error = undefined;
    this.result = undefined;
    this.undoMessage = undefined;
    this.sent = 0;
    this.total = 0;
    this.phase = 'sending';
    const stopPolling = () => clearInterval(timer);
    let timer: ReturnType<typeof setInterval> | undefined;
    try {
      this.result = await uploadFiles(this.files, this.choices, (sent, total) => {
        this.sent = sent;
        this.total = total;
        if (sent >= total && this.phase === 'sending') {
          this.phase = 'loading';
          timer = this.#pollProgress();
        }
      });
      if (this.result.rejected.length === 0 && !this.result.error) this.loadsVersion++;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      stopPolling();
      this.loadProgress = undefined;
    }
    this.phase = 'done';
  }

  undone(text: string) {
    this.undoMessage = text;
    this.result = undefined;
  }

  /** While the load runs: ask the server how far it is. */
  #pollProgress(): ReturnType<typeof setInterval> {
    const client = api();
    const poll = () =>
      client.loadProgress().then(
        (answer) => this.phase === 'loading' && (this.loadProgress = answer),
        () => undefined
      );
    void poll();
    return setInterval(poll, PROGRESS_POLL_MS);
  }
}
