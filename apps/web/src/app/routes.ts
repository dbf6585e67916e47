// What each navigation entry shows: one view per NavId (the type makes a missing one a build error).
// The shell has already checked the role against the navigation table before calling a view.
import { html, type TemplateResult } from 'lit';
import type { Session } from '../api/types.ts';
import '../home/home-page.ts';
import '../members/members-page.ts';
import '../users/users-page.ts';
import type { NavEntry, NavId } from './navigation.ts';
import './placeholder-page.ts';

type View = (session: Session, entry: NavEntry) => TemplateResult;

const placeholder: View = (_session, entry) => html`<gie-placeholder-page .titleKey=${entry.labelKey}></gie-placeholder-page>`;

export const VIEWS: Record<NavId, View> = {
  home: (session) => html`<gie-home-page .session=${session}></gie-home-page>`,
  members: (session) => html`<gie-members-page .user=${session.user}></gie-members-page>`,
  invoicing: placeholder,
  ledger: placeholder,
  pooling: placeholder,
  selection: placeholder,
  users: (session) => html`<gie-users-page .currentUser=${session.user}></gie-users-page>`,
};
