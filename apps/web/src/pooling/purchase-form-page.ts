// Entering a supplier bill of pooled services (/pooling/purchases/new): the supplier, date and number, and lines
// each charged to a service (its analytic code) and an expense account, with HT and the VAT rate. Posting is
// immediate and final (D 61xx, D recoverable VAT, C supplier), so the form asks for a confirmation.
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem, api, call } from '../api/client.ts';
import type { Party, User } from '../api/types.ts';
import { setFlash } from '../app/flash.ts';
import { focusFirstInvalid, inputField, problemText, refusalSummary, type Text, textOf, todayIso } from '../app/forms.ts';
import { navigate } from '../app/router.ts';
import { sharedStyles } from '../app/styles.ts';
import { LocaleController } from '../i18n/localize.ts';
import { type ConfirmDialog, optionText } from '../ledger/ledger-ui.ts';
import '../ledger/ledger-ui.ts';
import { fromCents, parseAmountInput } from '../ledger/money.ts';
import { loadServices } from './pooling-api.ts';
import type { PooledService } from './pooling-types.ts';
import { money, poolingStyles } from './pooling-ui.ts';
import './pooling-ui.ts';

const VAT_RATES = ['20', '14', '10', '7', '0'] as const;

interface LineDraft {
  key: number;
}

export class PurchaseFormPage extends LitElement {
  static override properties = {
    user: { attribute: false },
    suppliers: { state: true },
    services: { state: true },
    lines: { state: true },
    errors: { state: true },
    alert: { state: true },
    saving: { state: true },
    totalHt: { state: true },
  };

  static override styles = [
    sharedStyles,
    poolingStyles,
    css`
      .line {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: flex-end;
        padding-block: 0.5rem;
        border-block-end: 1px solid var(--gie-border);
      }
      .line .field {
        flex: 1 1 8rem;
      }
      .line .field.wide {
        flex: 3 1 14rem;
      }
    `,
  ];

  declare user: User | null;
  declare suppliers: Party[];
  declare services: PooledService[];
  declare lines: LineDraft[];
  /** Refusals by the API's path ("billNumber", "lines.1.amountHt"). */
  declare errors: Record<string, Text>;
  declare alert: Text | null;
  declare saving: boolean;
  declare totalHt: string;

  private readonly i18n = new LocaleController(this);
  private nextKey = 1;

  constructor() {
    super();
    this.user = null;
    this.suppliers = [];
    this.services = [];
    this.lines = [{ key: 0 }];
    this.errors = {};
    this.alert = null;
    this.saving = false;
    this.totalHt = '0.00';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([loadServices(), call(api.parties.$get({ query: { role: 'supplier', pageSize: '200' } }))])
      .then(([services, parties]) => {
        this.services = services;
        this.suppliers = parties.items;
      })
      .catch((error: unknown) => {
        this.alert = problemText(error);
      });
  }

  private get confirm(): ConfirmDialog | null {
    return this.renderRoot.querySelector('gie-confirm-dialog');
  }

  override render() {
    const { t } = this.i18n;
    const e = this.errors;
    return html`<gie-confirm-dialog></gie-confirm-dialog>
      <gie-pooling-tabs current="poolingPurchaseNew" .userRole=${this.user?.role}></gie-pooling-tabs>
      <nav class="breadcrumb" aria-label=${t('app.breadcrumb')}>
        <ol>
          <li><a href="/pooling/purchases">${t('nav.poolingPurchases')}</a></li>
          <li><span aria-current="page">${t('nav.poolingPurchaseNew')}</span></li>
        </ol>
      </nav>
      <h1>${t('nav.poolingPurchaseNew')}</h1>
      <p class="hint">${t('form.requiredLegend')}</p>
      <div role="alert" data-testid="purchase-alert">${this.alert ? html`<p class="alert">${textOf(this.alert)}</p>` : nothing}</div>
      <form novalidate class="card" data-testid="purchase-form" @submit=${this.submit} @input=${this.recount}>
        <div class="grid">
          <div class="field">
            <label for="supplierId">${t('pool.purchase.supplier')}<span class="required" aria-hidden="true"> *</span></label>
            <select id="supplierId" name="supplierId" data-testid="purchase-supplier" aria-invalid=${e.supplierId ? 'true' : 'false'} aria-describedby="supplierId-hint">
              <option value="">${t('form.none')}</option>
              ${this.suppliers.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
            </select>
            <p class="hint" id="supplierId-hint">${t('pool.purchase.supplierHint')} <a href="/parties/new">${t('nav.partyNew')}</a></p>
            ${e.supplierId ? html`<p class="field-error">${textOf(e.supplierId)}</p>` : nothing}
          </div>
          ${inputField({ id: 'billDate', label: t('pool.col.date'), type: 'date', required: true, value: todayIso(), error: e.billDate, testid: 'purchase-date' })}
          ${inputField({ id: 'billNumber', label: t('pool.purchase.number'), required: true, dir: 'ltr', maxlength: 60, error: e.billNumber, testid: 'purchase-number' })}
          ${inputField({ id: 'dueDate', label: t('pool.purchase.dueDate'), type: 'date', hint: t('pool.purchase.dueDateHint'), error: e.dueDate, testid: 'purchase-due-date' })}
        </div>
        <fieldset>
          <legend>${t('pool.purchase.lines')}</legend>
          ${this.lines.map((line, i) => this.renderLine(line, i))}
          <div class="actions">
            <button type="button" class="secondary small" data-testid="purchase-line-add" @click=${this.addLine}>${t('pool.purchase.addLine')}</button>
          </div>
          ${e.lines ? html`<p class="field-error">${textOf(e.lines)}</p>` : nothing}
        </fieldset>
        <p><strong>${t('pool.col.totalHt')} : <span class="num" data-testid="purchase-total-ht">${money(this.totalHt)}</span></strong></p>
        <div class="actions">
          <button type="submit" data-testid="purchase-submit" aria-busy=${this.saving ? 'true' : 'false'} ?disabled=${this.saving}>
            ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${t('form.saving')}` : t('pool.purchase.submit')}
          </button>
          <a class="button secondary" href="/pooling/purchases">${t('form.cancel')}</a>
        </div>
      </form>`;
  }

  private renderLine(line: LineDraft, i: number) {
    const { t } = this.i18n;
    const err = (field: string) => this.errors[`lines.${i}.${field}`];
    return html`<div class="line" data-testid="purchase-line">
      <div class="field wide">
        <label for="line-${line.key}-description">${t('pool.purchase.description')}<span class="required" aria-hidden="true"> *</span></label>
        <input id="line-${line.key}-description" name="description-${i}" dir="auto" maxlength="500" data-testid="purchase-line-${i}-description" aria-invalid=${err('description') ? 'true' : 'false'} />
        ${err('description') ? html`<p class="field-error">${textOf(err('description')!)}</p>` : nothing}
      </div>
      <div class="field">
        <label for="line-${line.key}-service">${t('pool.col.service')}<span class="required" aria-hidden="true"> *</span></label>
        <select id="line-${line.key}-service" name="service-${i}" data-testid="purchase-line-${i}-service" aria-invalid=${err('serviceId') ? 'true' : 'false'}>
          <option value="">${t('form.none')}</option>
          ${this.services.map((s) => html`<option value=${s.id}>${optionText(s.code, s.name)}</option>`)}
        </select>
        ${err('serviceId') ? html`<p class="field-error">${textOf(err('serviceId')!)}</p>` : nothing}
      </div>
      <div class="field">
        <label for="line-${line.key}-account">${t('pool.purchase.account')}</label>
        <input id="line-${line.key}-account" name="account-${i}" dir="ltr" maxlength="30" placeholder="61…" data-testid="purchase-line-${i}-account" aria-invalid=${err('expenseAccount') ? 'true' : 'false'} />
        ${err('expenseAccount') ? html`<p class="field-error">${textOf(err('expenseAccount')!)}</p>` : nothing}
      </div>
      <div class="field">
        <label for="line-${line.key}-ht">${t('pool.purchase.ht')}<span class="required" aria-hidden="true"> *</span></label>
        <input id="line-${line.key}-ht" name="ht-${i}" inputmode="decimal" dir="ltr" data-testid="purchase-line-${i}-ht" aria-invalid=${err('amountHt') ? 'true' : 'false'} />
        ${err('amountHt') ? html`<p class="field-error">${textOf(err('amountHt')!)}</p>` : nothing}
      </div>
      <div class="field">
        <label for="line-${line.key}-vat">${t('pool.col.vat')}</label>
        <select id="line-${line.key}-vat" name="vat-${i}" data-testid="purchase-line-${i}-vat">
          ${VAT_RATES.map((r) => html`<option value=${r}>${r} %</option>`)}
        </select>
      </div>
      ${
        this.lines.length > 1
          ? html`<div class="actions">
            <button type="button" class="secondary small" @click=${() => this.removeLine(i)}>${t('pool.purchase.removeLine')}</button>
          </div>`
          : nothing
      }
    </div>`;
  }

  private addLine(): void {
    this.lines = [...this.lines, { key: this.nextKey++ }];
  }

  private removeLine(index: number): void {
    this.lines = this.lines.filter((_, i) => i !== index);
    void this.updateComplete.then(() => this.recount());
  }

  /** The HT total as typed, summed in cents (display only; the API computes the bill). */
  private recount(): void {
    let cents = 0n;
    this.renderRoot.querySelectorAll<HTMLInputElement>('input[name^="ht-"]').forEach((input) => {
      const parsed = parseAmountInput(input.value);
      if (parsed.kind === 'ok') cents += parsed.cents;
    });
    this.totalHt = fromCents(cents);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const { t } = this.i18n;
    const data = new FormData(event.target as HTMLFormElement);
    const errors: Record<string, Text> = {};
    const supplierId = Number(data.get('supplierId'));
    if (!supplierId) errors.supplierId = { key: 'form.required' };
    const billDate = String(data.get('billDate') ?? '');
    const billNumber = String(data.get('billNumber') ?? '').trim();
    const dueDate = String(data.get('dueDate') ?? '') || null;
    if (!billNumber) errors.billNumber = { key: 'form.required' };
    const lines = this.lines.map((_, i) => {
      const description = String(data.get(`description-${i}`) ?? '').trim();
      const serviceId = Number(data.get(`service-${i}`));
      const account = String(data.get(`account-${i}`) ?? '').trim();
      const ht = parseAmountInput(String(data.get(`ht-${i}`) ?? ''));
      if (!description) errors[`lines.${i}.description`] = { key: 'form.required' };
      if (!serviceId) errors[`lines.${i}.serviceId`] = { key: 'form.required' };
      if (ht.kind !== 'ok' || ht.cents === 0n) errors[`lines.${i}.amountHt`] = { key: 'pool.error.amount' };
      return {
        description,
        serviceId,
        expenseAccount: account || null,
        amountHt: ht.kind === 'ok' ? ht.value : '',
        vatRate: String(data.get(`vat-${i}`) ?? '20'),
      };
    });
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.alert = refusalSummary(Object.keys(errors).length, []);
      await focusFirstInvalid(this);
      return;
    }
    const ok = await this.confirm?.ask({
      title: t('pool.purchase.confirmTitle'),
      body: t('pool.purchase.confirmBody', { number: billNumber, total: money(this.totalHt) }),
      confirmLabel: t('pool.purchase.submit'),
    });
    if (!ok) return;
    this.saving = true;
    this.alert = null;
    try {
      const purchase = await call(api.pooling.purchases.$post({ json: { supplierId, billDate, billNumber, dueDate, lines } }));
      setFlash('/pooling/purchases', {
        notice: { key: 'pool.purchase.done', params: { number: purchase.billNumber, total: money(purchase.totalTtc) } },
      });
      navigate('/pooling/purchases');
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0) {
        const found: Record<string, Text> = {};
        const other: Text[] = [];
        for (const p of error.errors) {
          const known =
            ['supplierId', 'billDate', 'billNumber', 'dueDate', 'lines'].includes(p.path) || /^lines\.\d+\.\w+$/.test(p.path);
          if (known) found[p.path] ??= { key: 'form.refused', detail: p.message };
          else other.push({ raw: `${p.path}: ${p.message}` });
        }
        this.errors = found;
        this.alert = refusalSummary(Object.keys(found).length, other);
        await focusFirstInvalid(this);
      } else {
        this.alert = problemText(error);
      }
    } finally {
      this.saving = false;
    }
  }
}

customElements.define('gie-purchase-form-page', PurchaseFormPage);

declare global {
  interface HTMLElementTagNameMap {
    'gie-purchase-form-page': PurchaseFormPage;
  }
}
