// Styles every screen shares: headings, buttons, form fields and their errors, tables, notices, spinners.
// Logical properties only (inline/block, start/end), so the same rules lay out French and Arabic.
import { css } from 'lit';

export const sharedStyles = css`
  /* the page's box-sizing reset does not reach into shadow roots */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host {
    display: block;
  }

  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin-block: 0 0.75rem;
    color: var(--gie-text);
  }
  h1 {
    font-size: 1.6rem;
  }
  h2 {
    font-size: 1.2rem;
  }
  p {
    margin-block: 0 0.75rem;
  }
  .lead {
    color: var(--gie-muted);
    margin-block-end: 1.5rem;
  }

  a {
    color: var(--gie-primary);
  }
  a:hover {
    color: var(--gie-primary-hover);
  }

  :focus-visible {
    outline: 3px solid var(--gie-focus);
    outline-offset: 2px;
  }

  .card {
    background: var(--gie-surface);
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    box-shadow: var(--gie-shadow);
    padding-block: 1.25rem;
    padding-inline: 1.5rem;
    margin-block-end: 1.5rem;
  }
  @media (max-width: 40rem) {
    .card {
      padding-block: 1rem;
      padding-inline: 0.9rem;
    }
  }

  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 2.5rem;
    padding-block: 0.4rem;
    padding-inline: 1rem;
    border-radius: var(--gie-radius);
    border: 1px solid var(--gie-primary);
    background: var(--gie-primary);
    color: #fff;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover:not([disabled]) {
    background: var(--gie-primary-hover);
  }
  button.secondary {
    background: var(--gie-surface);
    color: var(--gie-primary);
  }
  button.secondary:hover:not([disabled]) {
    background: var(--gie-primary-soft);
  }
  button.danger {
    background: var(--gie-surface);
    color: var(--gie-danger);
    border-color: var(--gie-danger);
  }
  button.danger:hover:not([disabled]) {
    background: var(--gie-danger-soft);
  }
  button.small {
    min-block-size: 2rem;
    padding-inline: 0.75rem;
    font-size: 0.9rem;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }

  form {
    display: grid;
    gap: 1rem;
  }
  .field {
    display: grid;
    gap: 0.3rem;
    align-content: start;
  }
  label {
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding-block: 0.4rem;
    padding-inline: 0.6rem;
    border: 1px solid #8593a3;
    border-radius: var(--gie-radius);
    background: var(--gie-surface);
    color: var(--gie-text);
  }
  textarea {
    resize: vertical;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--gie-danger);
    box-shadow: inset 0 0 0 1px var(--gie-danger);
  }
  /* e-mail addresses and passwords read left to right even in an Arabic form */
  input[type='email'],
  input[type='password'] {
    direction: ltr;
    text-align: start;
  }
  :host(:dir(rtl)) input[type='email'],
  :host(:dir(rtl)) input[type='password'] {
    text-align: end;
  }
  /* identifiers, numbers and dates keep their left-to-right order in Arabic, aligned with the other fields */
  input[dir='ltr'] {
    text-align: start;
  }
  :host(:dir(rtl)) input[dir='ltr'] {
    text-align: end;
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.15rem;
    block-size: 1.15rem;
    min-block-size: 0;
    margin: 0;
    accent-color: var(--gie-primary);
  }
  .checkbox-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .checkbox-row label {
    font-weight: 400;
  }
  .required {
    color: var(--gie-danger);
  }
  fieldset {
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    padding-block: 0.75rem 1rem;
    padding-inline: 1rem;
    margin: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding-inline: 0.35rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 1rem 1.25rem;
  }
  .grid .wide {
    grid-column: 1 / -1;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.75rem 1.5rem;
    margin-block-end: 1rem;
  }
  .page-head h1 {
    margin-block-end: 0.25rem;
  }
  .breadcrumb {
    font-size: 0.9rem;
    margin-block-end: 0.5rem;
  }
  .breadcrumb ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin: 0;
    padding: 0;
  }
  .breadcrumb li + li::before {
    content: '›';
    margin-inline-end: 0.4rem;
    color: var(--gie-muted);
  }
  :host(:dir(rtl)) .breadcrumb li + li::before {
    content: '‹';
  }
  dl.facts {
    display: grid;
    grid-template-columns: minmax(9rem, max-content) 1fr;
    gap: 0.45rem 1.25rem;
    margin: 0;
  }
  dl.facts dt {
    color: var(--gie-muted);
  }
  dl.facts dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  @media (max-width: 40rem) {
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0.1rem;
    }
    dl.facts dd {
      margin-block-end: 0.5rem;
    }
  }
  /* numbers, codes and identifiers: left to right inside Arabic text, digits aligned */
  .ltr {
    direction: ltr;
    unicode-bidi: isolate;
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  a.button {
    color: #fff;
  }
  a.button:hover {
    color: #fff;
    background: var(--gie-primary-hover);
  }
  a.button.secondary {
    background: var(--gie-surface);
    color: var(--gie-primary);
  }
  a.button.secondary:hover {
    background: var(--gie-primary-soft);
  }
  .warning {
    border: 1px solid #9a6700;
    background: #fff8e1;
    color: #5c3c00;
    border-radius: var(--gie-radius);
    padding-block: 0.6rem;
    padding-inline: 0.9rem;
  }
  dialog {
    border: 1px solid var(--gie-border);
    border-radius: var(--gie-radius);
    box-shadow: 0 10px 30px rgb(16 24 40 / 0.25);
    padding-block: 1.25rem;
    padding-inline: 1.5rem;
    inline-size: min(32rem, calc(100vw - 2rem));
    color: var(--gie-text);
  }
  dialog::backdrop {
    background: rgb(16 24 40 / 0.45);
  }
  .hint {
    color: var(--gie-muted);
    font-size: 0.875rem;
    margin: 0;
  }
  .field-error {
    color: var(--gie-danger);
    font-size: 0.9rem;
    font-weight: 600;
    margin: 0;
  }

  .alert {
    border: 1px solid var(--gie-danger);
    background: var(--gie-danger-soft);
    color: var(--gie-danger);
    border-radius: var(--gie-radius);
    padding-block: 0.6rem;
    padding-inline: 0.9rem;
    font-weight: 600;
  }
  .notice {
    border: 1px solid var(--gie-success);
    background: var(--gie-success-soft);
    color: var(--gie-success);
    border-radius: var(--gie-radius);
    padding-block: 0.6rem;
    padding-inline: 0.9rem;
  }

  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    background: var(--gie-surface);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    text-align: start;
    padding-block: 0.55rem;
    padding-inline: 0.75rem;
    border-block-end: 1px solid var(--gie-border);
    vertical-align: middle;
  }
  thead th {
    font-size: 0.85rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--gie-muted);
    background: #f8fafb;
  }
  tbody th {
    font-weight: 600;
  }
  td.nowrap {
    white-space: nowrap;
  }
  :host(:dir(rtl)) thead th {
    text-transform: none;
    letter-spacing: 0;
  }

  .badge {
    display: inline-block;
    padding-inline: 0.5rem;
    border-radius: 999px;
    font-size: 0.85rem;
    background: var(--gie-primary-soft);
    color: var(--gie-primary);
  }
  .badge.off {
    background: #eceff2;
    color: var(--gie-muted);
  }
  .badge.status-candidate {
    background: #e8eefc;
    color: #1d4ed8;
  }
  .badge.status-admitted {
    background: #fff4d6;
    color: #7a5200;
  }
  .badge.status-active {
    background: var(--gie-success-soft);
    color: var(--gie-success);
  }
  .badge.status-suspended {
    background: var(--gie-danger-soft);
    color: var(--gie-danger);
  }
  .badge.status-withdrawn {
    background: #eceff2;
    color: var(--gie-muted);
  }

  .loading {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    color: var(--gie-muted);
    padding-block: 1rem;
  }
  .spinner {
    inline-size: 1rem;
    block-size: 1rem;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/** A section's sub-navigation (ledger, pooled services, a call): links in a row, the current one underlined. */
export const tabStyles = css`
  nav {
    margin-block-end: 1.25rem;
    border-block-end: 1px solid var(--gie-border);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  a {
    display: block;
    padding-block: 0.55rem;
    padding-inline: 1rem;
    text-decoration: none;
    color: var(--gie-text);
    border-block-end: 3px solid transparent;
    margin-block-end: -1px;
  }
  a:hover {
    background: var(--gie-primary-soft);
    color: var(--gie-primary-hover);
  }
  a[aria-current='page'],
  a[aria-current='true'] {
    border-block-end-color: var(--gie-primary);
    color: var(--gie-primary);
    font-weight: 600;
  }
  a:focus-visible {
    outline-offset: -3px;
  }
`;
