// "Compte du membre" on a member's page: its own account in the shared ledger (4464-<code>), what the GIE owes it
// (credit positive), and the statement of the current year with its running balance and a CSV download. The staff
// and the member's own entrepreneur read it; the API answers 404 for anyone else's member.
import { css, html, LitElement, nothing } from 'lit';
import { api, call } from '../api/client.ts';
import type { MemberAccount, MemberStatement, User } from '../api/types.ts';
import { problemText, type Text, textOf, todayIso } from '../app/forms.ts';
import { mayOpenId } from '../app/navigation.ts';
import { sharedStyles } from '../app/styles.ts';
import { formatAmount, formatDay, LocaleController } from '../i18n/localize.ts';
import { amount, code, ledgerStyles, loadFiscalYears, yearRange } from '../ledger/ledger-ui.ts';
import { absolute, decimal, isNegative, isZero } from '../ledger/money.ts';

export class MemberAccountSection extends LitElement {
  static override properties = {
    memberId: { type: Number },
    user: { attribute: false },
    account: { state: true },
    statement: { state: true },
    range: { state: true },
    phase: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    ledgerStyles,
    css`
      .owed {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2.5rem;
        align-items: baseline;
        margin-block-end: 1rem;
      }
      .owed .figure {
        font-size: 1.5rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem 1rem;
      }
    `,
  ];

  declare memberId: number;
  declare user: User | null;
  declare account: MemberAccount | null;
  declare statement: MemberStatement | null;
  declare range: { from: string; to: string };
  declare phase: 'loading' | 'ready' | 'failed';
  declare error: Text | null;

  private readonly i18n = new LocaleController(this);
  private loadId = 0;

  constructor() {
    super();
    this.memberId = 0;
    this.user = null;
    this.account = null;
    this.statement = null;
    const year = todayIso().slice(0, 4);
    this.range = { from: `${year}-01-01`, to: `${year}-12-31` };
    this.phase = 'loading';
    this.error = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('memberId') && this.memberId > 0) void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.loadId;
    const param = { id: String(this.memberId) };
    this.phase = 'loading';
    this.error = null;
    try {
      // the books' keepers know the fiscal years; an entrepreneur reads the calendar year
      if (mayOpenId('ledger', this.user?.role)) {
        this.range = yearRange(await loadFiscalYears().catch(() => []), todayIso());
      }
      const [account, statement] = await Promise.all([
        call(api.members[':id'].account.$get({ param })),
        call(api.members[':id'].statement.$get({ param, query: { ...this.range } })) as Promise<MemberStatement>,
      ]);
      if (id !== this.loadId) return;
      this.account = account;
      this.statement = statement;
      this.phase = 'ready';
    } catch (error) {
      if (id !== this.loadId) return;
      this.error = problemText(error);
      this.phase = 'failed';
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`<section class="card" aria-labelledby="member-account-title" data-testid="member-account">
      <div class="head">
        <h2 id="member-account-title">${t('memberAccount.title')}</h2>
        ${
          this.phase === 'ready' && this.account?.code
            ? html`<a
              href="/api/members/${this.memberId}/statement?${new URLSearchParams({ ...this.range, format: 'csv' })}"
              download
              data-testid="member-statement-csv"
              >${t('memberAccount.csv')}</a
            >`
            : nothing
        }
      </div>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    const { t } = this.i18n;
    if (this.phase === 'loading') {
      return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('memberAccount.loading')}</p>`;
    }
    if (this.phase === 'failed' || !this.account) {
      return html`<div role="alert">${this.error ? html`<p class="alert">${textOf(this.error)}</p>` : nothing}</div>
        <button type="button" class="secondary" @click=${this.load}>${t('app.retry')}</button>`;
    }
    const account = this.account;
    if (!account.code) return html`<p data-testid="member-account-none">${t('memberAccount.none')}</p>`;
    const owed = account.owedToMember;
    const memberOwes = isNegative(owed);
    return html`<div class="owed">
        <dl class="facts">
          <dt>${t('memberAccount.code')}</dt>
          <dd data-testid="member-account-code">${code(account.code)}</dd>
        </dl>
        <div>
          <p class="hint" id="member-owed-label">
            ${t(isZero(owed) ? 'memberAccount.settled' : memberOwes ? 'memberAccount.owedByMember' : 'memberAccount.owedToMember')}
          </p>
          <p class="figure" aria-labelledby="member-owed-label" data-testid="member-account-owed">
            ${formatAmount(memberOwes ? absolute(owed) : decimal(owed))}
          </p>
        </div>
      </div>
      ${this.renderStatement()}`;
  }

  private renderStatement() {
    const { t } = this.i18n;
    const s = this.statement;
    if (!s) return nothing;
    const canOpenEntries = mayOpenId('ledgerEntry', this.user?.role);
    // credit positive here: the running balance is what the GIE owes the member
    const signed = (value: string) => amount(value);
    return html`<div class="table-wrap">
        <table data-testid="member-statement">
          <caption>
            ${t('memberAccount.statement', { from: formatDay(this.range.from), to: formatDay(this.range.to) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('ledger.field.date')}</th>
              <th scope="col">${t('ledger.col.reference')}</th>
              <th scope="col">${t('ledger.col.lineLabel')}</th>
              <th scope="col" class="amount">${t('ledger.col.debit')}</th>
              <th scope="col" class="amount">${t('ledger.col.credit')}</th>
              <th scope="col" class="amount">${t('memberAccount.balance')}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="subtotal">
              <td colspan="5">${t('ledger.col.opening')}</td>
              <td class="amount">${signed(s.opening)}</td>
            </tr>
            ${s.lines.map(
              (l) => html`<tr>
                <td class="nowrap">${formatDay(l.date, { dateStyle: 'medium' })}</td>
                <td class="code">${canOpenEntries ? html`<a href="/ledger/entries/${l.entryId}">${code(l.reference)}</a>` : code(l.reference)}</td>
                <td><bdi>${l.label}</bdi></td>
                <td class="amount">${amount(l.debit, { blankZero: true })}</td>
                <td class="amount">${amount(l.credit, { blankZero: true })}</td>
                <td class="amount">${signed(l.balance)}</td>
              </tr>`,
            )}
            ${
              s.lines.length === 0
                ? html`<tr>
                  <td colspan="6" class="empty">${t('memberAccount.noLines')}</td>
                </tr>`
                : nothing
            }
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="5">${t('ledger.col.closing')}</th>
              <td class="amount" data-testid="member-statement-closing">${signed(s.closing)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">${t('memberAccount.balanceHint')}</p>`;
  }
}

customElements.define('gie-member-account', MemberAccountSection);

declare global {
  interface HTMLElementTagNameMap {
    'gie-member-account': MemberAccountSection;
  }
}
