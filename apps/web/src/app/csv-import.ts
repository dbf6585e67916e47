// The CSV import screen every registry shares (members, customers and suppliers): choose a file, check it (dry
// run: every problem by row and column, nothing written), then import it, allowed only once a check found no
// problem. Both steps stream their progress (application/x-ndjson) into a <progress> bar with the row count.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, apiFetch, toProblem } from '../api/client.ts';
import type { ImportReport } from '../api/types.ts';
import { formatNumber, LocaleController, type MessageKey } from '../i18n/localize.ts';
import { problemText, type Text, textOf } from './forms.ts';
import { sharedStyles } from './styles.ts';

/** A column the import accepts, as a spreadsheet may head it in French and in English. */
export interface ImportColumnHelp {
  fr: string;
  en: string;
  required?: boolean;
}

type Mode = 'dry-run' | 'apply';
type Phase = 'idle' | 'dry-run' | 'apply';

interface Progress {
  done: number;
  total: number;
}

/** What one line of the progress stream may carry. */
interface StreamLine {
  progress?: Progress;
  result?: ImportReport;
  problem?: { status?: number; title?: string; detail?: string };
}

/** Problems shown in the table; a file with more says how many there are in all. */
const SHOWN_PROBLEMS = 500;

/** The template file: the headers, separated by semicolons as French spreadsheets save them, with a BOM for Excel. */
export function templateHref(headers: readonly string[]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${headers.join(';')}\r\n`)}`;
}

/** Reads a stream of JSON lines, calling `onLine` for each complete one. */
async function readLines(body: ReadableStream<Uint8Array>, onLine: (line: StreamLine) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onLine(JSON.parse(line) as StreamLine);
      newline = buffer.indexOf('\n');
    }
    if (done) break;
  }
  if (buffer.trim()) onLine(JSON.parse(buffer) as StreamLine);
}

export class CsvImport extends LitElement {
  static override properties = {
    endpoint: { type: String },
    templateHeaders: { attribute: false },
    templateFile: { type: String },
    columns: { attribute: false },
    createdKey: { attribute: false },
    listHref: { type: String },
    listLabelKey: { attribute: false },
    file: { state: true },
    phase: { state: true },
    progress: { state: true },
    report: { state: true },
    checkedFile: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .steps {
        display: grid;
        gap: 1rem;
      }
      input[type='file'] {
        padding-block: 0.35rem;
      }
      .buttons {
        margin-block: 1rem 0.25rem;
      }
      .progress {
        display: grid;
        gap: 0.35rem;
        margin-block-start: 0.75rem;
      }
      progress {
        inline-size: 100%;
        block-size: 1rem;
        accent-color: var(--gie-primary);
      }
      .count {
        font-variant-numeric: tabular-nums;
        color: var(--gie-muted);
      }
      dl.summary {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        margin: 0 0 1rem;
      }
      dl.summary div {
        display: grid;
      }
      dl.summary dt {
        color: var(--gie-muted);
        font-size: 0.9rem;
      }
      dl.summary dd {
        margin: 0;
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      dd.bad {
        color: var(--gie-danger);
      }
      td.row {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      details summary {
        cursor: pointer;
        font-weight: 600;
        color: var(--gie-primary);
      }
      details[open] summary {
        margin-block-end: 0.75rem;
      }
      .columns {
        max-block-size: 22rem;
        overflow: auto;
      }
    `,
  ];

  declare endpoint: string;
  declare templateHeaders: readonly string[];
  declare templateFile: string;
  declare columns: readonly ImportColumnHelp[];
  /** "{count} membres importés." */
  declare createdKey: MessageKey;
  declare listHref: string;
  declare listLabelKey: MessageKey;
  declare file: File | null;
  declare phase: Phase;
  declare progress: Progress | null;
  declare report: ImportReport | null;
  /** The file the report is about: choosing another one asks for a new check. */
  declare checkedFile: File | null;
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.endpoint = '';
    this.templateHeaders = [];
    this.templateFile = 'modele.csv';
    this.columns = [];
    this.createdKey = 'import.created';
    this.listHref = '/';
    this.listLabelKey = 'app.backHome';
    this.file = null;
    this.phase = 'idle';
    this.progress = null;
    this.report = null;
    this.checkedFile = null;
    this.error = null;
  }

  /** Applying is allowed once the chosen file was checked and had no problem. */
  private get mayApply(): boolean {
    const report = this.report;
    return (
      this.phase === 'idle' &&
      report !== null &&
      report.mode === 'dry-run' &&
      this.checkedFile === this.file &&
      report.problems.length === 0 &&
      report.total > 0
    );
  }

  override render() {
    const { t } = this.i18n;
    const busy = this.phase !== 'idle';
    return html`<div class="steps">
      <section class="card" aria-labelledby="import-file-title">
        <h2 id="import-file-title">${t('import.fileTitle')}</h2>
        <p class="hint">${t('import.fileHint')}</p>
        <div class="field">
          <label for="import-file">${t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            aria-describedby="import-file-hint"
            ?disabled=${busy}
            @change=${this.choose}
          />
          <p class="hint" id="import-file-hint">${t('import.fileFormat')}</p>
        </div>
        <div class="actions buttons">
          <button
            type="button"
            class="secondary"
            data-testid="import-check"
            aria-busy=${this.phase === 'dry-run' ? 'true' : 'false'}
            ?disabled=${busy || !this.file}
            @click=${() => this.run('dry-run')}
          >
            ${this.phase === 'dry-run' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('import.check')}
          </button>
          <button
            type="button"
            data-testid="import-apply"
            aria-busy=${this.phase === 'apply' ? 'true' : 'false'}
            aria-describedby="import-apply-hint"
            ?disabled=${!this.mayApply}
            @click=${() => this.run('apply')}
          >
            ${this.phase === 'apply' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t('import.apply')}
          </button>
        </div>
        <p class="hint" id="import-apply-hint">${t('import.applyHint')}</p>
        ${this.renderProgress()}
        <div role="alert" data-testid="import-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      </section>
      ${this.report ? this.renderReport(this.report) : nothing} ${this.renderHelp()}
    </div>`;
  }

  private renderProgress() {
    if (this.phase === 'idle') return nothing;
    const { t } = this.i18n;
    const label = t(this.phase === 'dry-run' ? 'import.checking' : 'import.applying');
    const progress = this.progress;
    return html`<div class="progress" data-testid="import-progress">
      <label for="import-progress-bar">${label}</label>
      ${
        progress && progress.total > 0
          ? html`<progress id="import-progress-bar" max=${progress.total} .value=${progress.done}></progress>
            <span class="count" data-testid="import-progress-count"
              >${formatNumber(progress.done)} / ${formatNumber(progress.total)}</span
            >`
          : html`<progress id="import-progress-bar"></progress><span class="count">${t('import.sending')}</span>`
      }
    </div>`;
  }

  private renderReport(report: ImportReport) {
    const { t } = this.i18n;
    const applied = report.mode === 'apply' && report.problems.length === 0;
    const problems = report.problems;
    return html`<section class="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title">${t(report.mode === 'apply' ? 'import.reportApplied' : 'import.reportChecked')}</h2>
      <dl class="summary">
        <div>
          <dt>${t('import.total')}</dt>
          <dd data-testid="import-total">${formatNumber(report.total)}</dd>
        </div>
        <div>
          <dt>${t('import.valid')}</dt>
          <dd data-testid="import-valid">${formatNumber(report.valid)}</dd>
        </div>
        <div>
          <dt>${t('import.problems')}</dt>
          <dd data-testid="import-problem-count" class=${problems.length > 0 ? 'bad' : ''}>${formatNumber(problems.length)}</dd>
        </div>
        ${
          report.mode === 'apply'
            ? html`<div>
              <dt>${t('import.createdLabel')}</dt>
              <dd data-testid="import-created">${formatNumber(report.created)}</dd>
            </div>`
            : nothing
        }
      </dl>
      <div role="status" data-testid="import-outcome">
        ${
          applied
            ? html`<p class="notice">
              ${t(this.createdKey, { count: formatNumber(report.created) })}
              <a href=${this.listHref}>${t(this.listLabelKey)}</a>
            </p>`
            : problems.length === 0
              ? html`<p class="notice">
                ${report.total === 0 ? t('import.noRows') : t('import.ready', { count: formatNumber(report.valid) })}
              </p>`
              : html`<p class="alert">
                ${t(report.mode === 'apply' ? 'import.refused' : 'import.fix', { count: formatNumber(problems.length) })}
              </p>`
        }
      </div>
      ${problems.length > 0 ? this.renderProblems(problems) : nothing}
    </section>`;
  }

  private renderProblems(problems: ImportReport['problems']) {
    const { t } = this.i18n;
    const shown = problems.slice(0, SHOWN_PROBLEMS);
    return html`<div class="table-wrap">
      <table data-testid="import-problems">
        <caption>
          ${t('import.problemsCaption')}
          ${
            problems.length > shown.length
              ? html`<span class="hint"
                >· ${t('import.problemsShown', { shown: formatNumber(shown.length), count: formatNumber(problems.length) })}</span
              >`
              : nothing
          }
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('import.col.row')}</th>
            <th scope="col">${t('import.col.column')}</th>
            <th scope="col">${t('import.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (p) => html`<tr>
              <td class="row">${p.row}</td>
              <td><bdi>${p.column || '—'}</bdi></td>
              <td lang="en" dir="ltr" class="message">${p.message}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderHelp() {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="import-help-title">
      <h2 id="import-help-title">${t('import.helpTitle')}</h2>
      <p>${t('import.help')}</p>
      <p>
        <a
          class="button secondary"
          data-testid="import-template"
          download=${this.templateFile}
          href=${templateHref(this.templateHeaders)}
          >${t('import.template')}</a
        >
      </p>
      <details>
        <summary>${t('import.columnsTitle', { count: this.columns.length })}</summary>
        <div class="columns table-wrap">
          <table data-testid="import-columns">
            <thead>
              <tr>
                <th scope="col">${t('import.col.french')}</th>
                <th scope="col">${t('import.col.english')}</th>
                <th scope="col">${t('import.col.required')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.columns.map(
                (c) => html`<tr>
                  <td lang="fr">${c.fr}</td>
                  <td lang="en">${c.en}</td>
                  <td>${c.required ? t('import.yes') : '—'}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  private choose(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.report = null;
    this.checkedFile = null;
    this.error = null;
  }

  private async run(mode: Mode): Promise<void> {
    const file = this.file;
    if (!file || this.phase !== 'idle') return;
    this.phase = mode;
    this.progress = null;
    this.error = null;
    if (mode === 'dry-run') this.report = null;
    try {
      const response = await apiFetch(`${this.endpoint}?mode=${mode}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'application/x-ndjson' },
      });
      if (!response.ok || !response.body) throw await toProblem(response);
      let report: ImportReport | null = null;
      let problem: StreamLine['problem'] | null = null;
      await readLines(response.body, (line) => {
        if (line.progress) this.progress = line.progress;
        if (line.result) report = line.result;
        if (line.problem) problem = line.problem;
      });
      if (report) {
        this.report = report;
        this.checkedFile = file;
      } else if (problem) {
        const { status = 500, title = '', detail } = problem as NonNullable<StreamLine['problem']>;
        this.error = problemText(new ApiProblem(status, title, detail));
      }
    } catch (error) {
      this.error = error instanceof SyntaxError ? { key: 'import.unreadableAnswer' } : problemText(error);
    } finally {
      this.phase = 'idle';
      this.progress = null;
    }
  }
}

customElements.define('gie-csv-import', CsvImport);

declare global {
  interface HTMLElementTagNameMap {
    'gie-csv-import': CsvImport;
  }
}
