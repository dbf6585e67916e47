// The results of a call (/selection/calls/:id/results), open to its committee and the manager once the president
// has closed scoring: the ranking by weighted mean out of 100, each member's score, the spread per criterion and
// the disagreement flags, the threshold line and the places line, and what the grid suggests. A member with a
// conflict on an application sees its rank and mean, not who gave what ("abstention").
import { html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { problemText, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDecimal, formatNumber, LocaleController } from '../i18n/localize.ts';
import type { SelectionResultRow, SelectionResults } from './selection-types.ts';
import { breadcrumb, type Decision, decisionBadge, decisionLabel, score, selectionStyles } from './selection-ui.ts';

export class SelectionResultsPage extends LitElement {
  static override properties = {
    callId: { type: Number },
    user: { attribute: false },
    results: { state: true },
    phase: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles, selectionStyles];

  declare callId: number;
  declare user: User | null;
  declare results: SelectionResults | null;
  declare phase: 'loading' | 'ready' | 'not-closed' | 'not-found' | 'failed';
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.callId = 0;
    this.user = null;
    this.results = null;
    this.phase = 'loading';
    this.error = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('callId')) void this.load();
  }

  private async load(): Promise<void> {
    this.phase = 'loading';
    this.error = null;
    try {
      this.results = await call(api.selection.calls[':id'].results.$get({ param: { id: String(this.callId) } }));
      this.phase = 'ready';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) this.phase = 'not-found';
      else if (error instanceof ApiProblem && error.status === 409) this.phase = 'not-closed';
      else {
        this.error = problemText(error);
        this.phase = 'failed';
      }
    }
  }

  override render() {
    const { t } = this.i18n;
    const r = this.results;
    const head = html`${breadcrumb([
      ...(r ? [{ href: `/selection/calls/${this.callId}`, label: html`<bdi>${r.title}</bdi>` }] : []),
      { label: t('nav.selectionResults') },
    ])}
      <h1>${t('nav.selectionResults')}${r ? html` — <bdi>${r.title}</bdi>` : nothing}</h1>
      <gie-call-tabs .callId=${this.callId} current="selectionResults"></gie-call-tabs>`;
    if (this.phase === 'loading') {
      return html`${head}<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('sel.results.loading')}</p>`;
    }
    if (this.phase === 'not-closed') {
      return html`${head}<p class="notice" data-testid="results-not-closed">${t('sel.results.notClosed')}</p>`;
    }
    if (this.phase === 'not-found') return html`${head}<p class="alert">${t('sel.call.notFoundBody')}</p>`;
    if (this.phase === 'failed' || !r) {
      return html`${head}<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const ranked = [...r.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.applicationId - b.applicationId);
    // the threshold line falls above the first application under it (unscored ones are under it too)
    const thresholdIndex = ranked.findIndex((row) => !row.aboveThreshold);
    return html`${head}
      <p class="lead">
        ${t('sel.results.lead', {
          date: formatDateTime(r.scoringClosedAt),
          threshold: formatDecimal(r.threshold),
          places: formatNumber(r.places),
        })}
      </p>
      <section class="card" aria-labelledby="ranking-title">
        <h2 id="ranking-title">${t('sel.results.ranking')}</h2>
        <p class="hint">${t('sel.results.legend', { spread: formatDecimal(r.disagreementSpread) })}</p>
        <div class="table-wrap">
          <table data-testid="results-table">
            <caption class="visually-hidden">${t('sel.results.ranking')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">${t('sel.results.rank')}</th>
                <th scope="col">${t('sel.application.candidate')}</th>
                <th scope="col" class="num">${t('sel.results.mean')}</th>
                ${r.committee.map((m) => html`<th scope="col" class="num"><bdi>${m.displayName}</bdi></th>`)}
                <th scope="col">${t('sel.results.flags')}</th>
                <th scope="col">${t('sel.results.decision')}</th>
              </tr>
            </thead>
            <tbody>
              ${ranked.map((row, i) => {
                const cols = r.committee.length + 5;
                const lines = [];
                if (i === thresholdIndex) {
                  lines.push(
                    html`<tr class="threshold-line" data-testid="threshold-line" aria-hidden="true"><td colspan=${cols}></td></tr>`,
                  );
                }
                lines.push(this.renderRow(r, row, thresholdIndex !== -1 && i >= thresholdIndex));
                if (row.rank === r.places && i !== ranked.length - 1) {
                  lines.push(
                    html`<tr class="places-line" data-testid="places-line" aria-hidden="true"><td colspan=${cols}></td></tr>`,
                  );
                }
                return lines;
              })}
            </tbody>
          </table>
        </div>
        <p class="hint">
          <span class="badge flag">— —</span> ${t('sel.results.thresholdLine', { threshold: formatDecimal(r.threshold) })} ·
          ${t('sel.results.placesLine', { places: formatNumber(r.places) })}
        </p>
      </section>
      ${ranked.map((row) => this.renderSpread(r, row))}`;
  }

  private renderRow(r: SelectionResults, row: SelectionResultRow, below: boolean) {
    const { t } = this.i18n;
    return html`<tr
      data-testid="result-row"
      data-application=${row.applicationId}
      data-rank=${row.rank ?? ''}
      class=${below ? 'below-threshold' : ''}
    >
      <td class="num" data-testid="result-rank">${row.rank === null ? '—' : formatNumber(row.rank)}${row.tied ? html` <abbr title=${t('sel.results.tiedHint')}>${t('sel.results.tied')}</abbr>` : nothing}</td>
      <th scope="row"><a href="/selection/applications/${row.applicationId}"><bdi>${row.candidateName}</bdi></a></th>
      <td class="num" data-testid="result-mean"><strong>${score(row.mean)}</strong></td>
      ${r.committee.map((m) => {
        if (row.abstentions.includes(m.userId)) {
          return html`<td class="num" data-testid="result-abstention"><span class="badge abstention">${t('sel.conflict.abstention')}</span></td>`;
        }
        if (row.members === null)
          return html`<td class="num"><span class="muted" title=${t('sel.results.hiddenConflict')}>•</span></td>`;
        const mine = row.members.find((x) => x.userId === m.userId);
        if (!mine && row.missing.includes(m.userId))
          return html`<td class="num"><span class="muted">${t('sel.results.missing')}</span></td>`;
        return html`<td class="num">${score(mine?.score)}</td>`;
      })}
      <td>
        ${row.disagreement ? html`<span class="badge flag" data-testid="result-disagreement">${t('sel.results.disagreement')}</span>` : nothing}
        ${row.aboveThreshold ? nothing : html`<span class="badge off">${t('sel.results.belowThreshold')}</span>`}
        ${row.withinPlaces ? html`<span class="badge">${t('sel.results.withinPlaces')}</span>` : nothing}
      </td>
      <td data-testid="result-decision">
        ${
          row.decision
            ? decisionBadge(row.decision as Decision)
            : row.suggestion
              ? html`<span class="hint">${t('sel.deliberation.suggested', { decision: decisionLabel(row.suggestion as Decision) })}</span>`
              : '—'
        }
      </td>
    </tr>`;
  }

  /** Per criterion: the mean, the lowest and highest mark and their deviation, on the 0..100 basis. */
  private renderSpread(r: SelectionResults, row: SelectionResultRow) {
    const { t } = this.i18n;
    if (row.criteria.length === 0) return nothing;
    return html`<details class="card" data-testid="spread" data-application=${row.applicationId}>
      <summary>
        ${t('sel.results.spreadOf', { candidate: row.candidateName })}
        ${row.disagreement ? html`<span class="badge flag">${t('sel.results.disagreement')}</span>` : nothing}
      </summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('sel.criterion.label')}</th>
              <th scope="col" class="num">${t('sel.results.mean')}</th>
              <th scope="col" class="num">${t('sel.results.min')}</th>
              <th scope="col" class="num">${t('sel.results.max')}</th>
              <th scope="col" class="num">${t('sel.results.stddev')}</th>
              <th scope="col">${t('sel.results.flags')}</th>
            </tr>
          </thead>
          <tbody>
            ${row.criteria.map((spread) => {
              const criterion = r.criteria.find((c) => c.id === spread.criterionId);
              return html`<tr>
                <th scope="row"><bdi>${criterion?.label ?? `#${spread.criterionId}`}</bdi></th>
                <td class="num">${score(spread.mean)}</td>
                <td class="num">${score(spread.min)}</td>
                <td class="num">${score(spread.max)}</td>
                <td class="num">${score(spread.stddev)}</td>
                <td>${spread.disagreement ? html`<span class="badge flag">${t('sel.results.disagreement')}</span>` : nothing}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </details>`;
  }
}

customElements.define('gie-selection-results-page', SelectionResultsPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-selection-results-page': SelectionResultsPage;
  }
}
