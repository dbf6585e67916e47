// The selection committee's public surface: use cases for the API, pure scoring, the documents. Generic names
// are exported with a Selection prefix so that they never shadow another capability's.
export {
  type Admission as SelectionAdmission,
  admitApplication,
  assignSponsor,
  type FollowUp as SponsorFollowUp,
  getSponsorship,
  listSponsorships,
  recordFollowUp,
  type Sponsorship,
  type SponsorshipInput,
} from './admission.ts';
export {
  type ApplicationInput,
  type ApplicationSummary,
  ATTACHMENT_KINDS,
  type AttachmentInfo,
  type AttachmentKind,
  addAttachment,
  checkAttachment,
  checkEligibility,
  createApplication,
  type EligibilityInput,
  getAttachment,
  listApplications,
  MAX_ATTACHMENT_BYTES,
  POOLED_SERVICE_NEEDS,
  PUBLIC_LIMITS,
  type PublicApplicationInput,
  submitPublicApplication,
} from './applications.ts';
export {
  type Call as SelectionCall,
  type CallInput as SelectionCallInput,
  type CommitteeSeat,
  committeeCandidates,
  createCall,
  getCall,
  listCalls,
  listOpenCalls,
  type PublicCall,
  setCommittee,
  updateCall,
} from './calls.ts';
export {
  candidateLetter,
  type Decision as SelectionDecisionRecord,
  type DecisionInput as SelectionDecisionInput,
  getSession,
  issueMinutes,
  listSessions,
  minutesData,
  minutesPdf,
  openSession,
  recordDecision,
  type Session as SelectionSession,
  type SessionInput as SelectionSessionInput,
  setAttendance,
} from './deliberation.ts';
export { type LetterData, letterDefinition, type MinutesData, minutesDefinition } from './documents.ts';
export { type ApplicationFile, getApplication } from './dossier.ts';
export {
  type Criterion as SelectionCriterion,
  createGrid,
  type Grid as SelectionGrid,
  type GridInput as SelectionGridInput,
  getGrid,
  listGrids,
  updateGrid,
} from './grids.ts';
export {
  type CallResults,
  callResults,
  closeScoring,
  declareConflict,
  type Mark as SelectionMark,
  scoreApplication,
  scoringProgress,
} from './scores.ts';
export {
  type ApplicationResult,
  checkCriteria,
  computeResults,
  DEFAULT_DISAGREEMENT_SPREAD,
  defaultQuorum,
  normalise as normaliseMark,
  weightedScore,
} from './scoring.ts';
