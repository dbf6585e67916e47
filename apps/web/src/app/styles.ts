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
  select {
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
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
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
