// The year-end allocation of the GIE's result (/pooling/year-end, law 13-97 art. 37): for a fiscal year, the result
// after all runs, its split between the members pro rata to their rights (largest remainder), and the posting
// (profit D 6186 / C 4464-xx, loss D 4464-xx / C 7186) that leaves the GIE's own result at zero.
import { html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { FiscalYear, User } from '../api/types.ts';
import { problemText, selectField, type Text, textOf } from '../app/forms.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatDateTime, formatDecimal, LocaleController } from '../i18n/localize.ts';
import { type ConfirmDialog, code, currentYear, loadFiscalYears, newIdempotencyKey, yearName } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { todayIso } from '../app/forms.ts';
import { isZero } from '../ledger/money.ts';
import type { YearEnd } from './pooling-types.ts';
import { bare, explanationText, mayManage, money, periodText, poolingStyles } from './pooling-ui.ts';
import { progressCall } from './progress-call.ts';
import './pooling-ui.ts';

export class YearEndPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    years: { state: true },
    yearId: { state: true },
    preview: { state: true },
    loading: { state: true },
    posting: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, poolingStyles];

  declare user: User | null;
  declare years: FiscalYear[];
  declare yearId: number;
  declare preview: YearEnd | null;
  declare loading: boolean;
  declare posting: boolean;
  declare error: Text | null;
  declare notice: Text | null;

  private readonly i18n = new LocaleController(this);
  private postKey = newIdempotencyKey();

  constructor() {
    super();
    this.user = null;
    this.years = [];
    this.yearId = 0;
    this.preview = null;
    this.loading = false;
    this.posting = false;
    this.error = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      this.years = await loadFiscalYears();
      const year = currentYear(this.years, todayIso());
      if (year) {
        this.yearId = year.id;
        await this.load();
      }
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private async load(): Promise<void> {
    if (!this.yearId) return;
    this.loading = true;
    this.error = null;
    this.preview = null;
    try {
      this.preview = await call(api.pooling['year-end'][':id'].$get({ param: { id: String(this.yearId) } }));
      this.postKey = newIdempotencyKey();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  override render() {
    const { t } = this.i18n;
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      <gie-pooling-tabs current="poolingYearEnd" .userRole=${this.user?.role}></gie-pooling-tabs>
      <h1>${t('nav.poolingYearEnd')}</h1>
      <p class="lead">${t('pool.yearEnd.lead')}</p>
      <div class="card toolbar">
        ${selectField({
          id: 'year',
          label: t('pool.yearEnd.year'),
          value: String(this.yearId),
          testid: 'year-end-year',
          options: this.years.map((y) => ({ value: String(y.id), label: yearName(y) })),
          onChange: (value) => {
            this.yearId = Number(value);
            void this.load();
          },
        })}
      </div>
      <div role="status" data-testid="year-end-notice">${this.notice ? html`<p class="notice">${textOf(this.notice)}</p>` : nothing}</div>
      <div role="alert" data-testid="year-end-alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
      ${this.loading ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>` : nothing}
      ${this.preview ? this.renderPreview(this.preview) : nothing}`;
  }

  private renderPreview(p: YearEnd) {
    const { t } = this.i18n;
    const done = p.allocations.length > 0;
    return html`<section class="card" data-testid="year-end-preview">
        <dl class="facts">
          <dt>${t('pool.yearEnd.period')}</dt>
          <dd>${periodText(p.startsOn, p.endsOn)}</dd>
          <dt>${t('pool.yearEnd.result')}</dt>
          <dd class="num" data-testid="year-end-result">${money(p.result)} · ${t(`pool.yearEnd.kind.${p.kind}`)}</dd>
          <dt>${t('pool.yearEnd.rights')}</dt>
          <dd>${formatDecimal(p.totalRights)}</dd>
        </dl>
        ${
          p.allocations.length > 0
            ? html`<h2>${t('pool.yearEnd.done')}</h2>
              <ul data-testid="year-end-allocations">
                ${p.allocations.map(
                  (a) => html`<li>
                    <a href="/ledger/entries/${a.entryId}">${t('pool.run.entry')} #${a.entryId}</a> — ${money(a.result)} ·
                    ${formatDateTime(a.createdAt)}
                  </li>`,
                )}
              </ul>`
            : nothing
        }
      </section>
      ${
        p.lines.length > 0
          ? html`<section class="card" aria-labelledby="year-end-lines-title">
            <h2 id="year-end-lines-title">${t('pool.yearEnd.split')}</h2>
            <div class="table-wrap">
              <table data-testid="year-end-lines">
                <thead>
                  <tr>
                    <th scope="col">${t('pool.col.member')}</th>
                    <th scope="col" class="amount">${t('pool.yearEnd.rightsShare')}</th>
                    <th scope="col" class="amount">${t('pool.col.exact')}</th>
                    <th scope="col" class="amount">${t('pool.col.amount')}</th>
                    <th scope="col">${t('pool.col.explanation')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${p.lines.map(
                    (l) => html`<tr data-testid="year-end-line" data-member=${l.memberCode}>
                      <th scope="row">${code(l.memberCode)} <bdi>${l.memberName}</bdi></th>
                      <td class="amount">${formatDecimal(l.rightsShare)}</td>
                      <td class="amount"><span class="ltr">${l.exact}</span></td>
                      <td class="amount">${bare(l.amount)}</td>
                      <td class="explain"><span dir="ltr">${explanationText(l.explanation)}</span></td>
                    </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colspan="3">${t('pool.col.total')}</th>
                    <td class="amount">${bare(p.result.replace(/^-/, ''))}</td>
                    <td></td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>`
          : nothing
      }
      ${
        mayManage(this.user?.role) && !isZero(p.result) && p.kind !== 'none'
          ? html`<div class="card">
            <p>${t('pool.yearEnd.postHint')}</p>
            <button type="button" data-testid="year-end-post" aria-busy=${this.posting ? 'true' : 'false'} ?disabled=${this.posting} @click=${this.post}>
              ${this.posting ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t(done ? 'pool.yearEnd.postAgain' : 'pool.yearEnd.post')}
            </button>
          </div>`
          : nothing
      }`;
  }

  private async post(): Promise<void> {
    const p = this.preview;
    if (!p || this.posting) return;
    const { t } = this.i18n;
    const ok = await this.confirm?.ask({
      title: t('pool.yearEnd.confirmTitle'),
      body: t('pool.yearEnd.confirmBody', { result: money(p.result), count: p.lines.length }),
      warning: t('pool.wizard.confirmWarning'),
      confirmLabel: t('pool.yearEnd.post'),
    });
    if (!ok) return;
    this.posting = true;
    this.error = null;
    try {
      this.preview = await progressCall<YearEnd>(`/api/pooling/year-end/${p.fiscalYearId}`, {
        body: {},
        headers: { 'idempotency-key': this.postKey },
      });
      this.notice = { key: 'pool.yearEnd.posted' };
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.posting = false;
    }
  }
}

customElements.define('gie-year-end-page', YearEndPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-year-end-page': YearEndPage;
  }
}
