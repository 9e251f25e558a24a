/**
 * The vocabularies of the domain as `as const` lists and their types: the single source for the
 * database enums (db/schema builds its pgEnums from these lists), the server's validation and the
 * browser's forms and labels. Imports nothing, so any layer may use it (docs/architecture.md).
 */

/** A plain comment, or a suggestion (Änderungsvorschlag) carrying replacement wording. */
export const threadKinds = ["comment", "suggestion"] as const;
/** open → resolved (comments) or accepted/rejected (suggestions); resolved threads can reopen. */
export const threadStatuses = ["open", "resolved", "accepted", "rejected"] as const;
/** Why a user is notified. */
export const notificationKinds = [
  "reply",
  "mention",
  "suggestion_accepted",
  "suggestion_rejected",
] as const;
/** Where a feedback item comes from; each kind's source_id points into a different table. */
export const feedbackKinds = ["thread", "suggestion", "requirement", "position"] as const;
/**
 * Disposition categories (UI: berücksichtigt, teilweise berücksichtigt, nicht berücksichtigt,
 * zur Kenntnis genommen).
 */
export const dispositionCategories = [
  "accepted",
  "partly_accepted",
  "not_accepted",
  "noted",
] as const;
/** Where an item stands in the Abwägung: no disposition yet, drafted, or published. */
export const dispositionStates = ["open", "draft", "published"] as const;
export const organisationKinds = [
  "department",
  "municipal_company",
  "council_group",
  "external",
] as const;
/** Phases in order; see glossary "Phase". */
export const phases = [
  "drafting",
  "consultation",
  "consolidation",
  "submission",
  "decided",
] as const;
export const roles = ["moderator", "editor", "contributor", "observer"] as const;
export const sectionStatuses = ["draft", "in_review", "agreed"] as const;
/** Funding status of a measure (UI: keine, geplant, beantragt, bewilligt, abgelehnt). */
export const fundingStatuses = ["none", "planned", "applied", "granted", "rejected"] as const;
/** Priority of a measure (UI: hoch, mittel, niedrig). */
export const measurePriorities = ["high", "medium", "low"] as const;
/** Implementation status of a measure (UI: geplant … zurückgestellt). */
export const measureStatuses = [
  "planned",
  "in_preparation",
  "in_progress",
  "completed",
  "deferred",
] as const;
/** An organisation's stance on a measure (UI: Zustimmung … Ablehnung), from most to least favourable. */
export const stances = [
  "approve",
  "approve_with_conditions",
  "abstain",
  "concerns",
  "reject",
] as const;
/** Requirement categories, the criteria of the criteria catalogue plus costs and "other". */
export const requirementCategories = [
  "digital_sovereignty",
  "data_protection",
  "interoperability",
  "open_source",
  "european_providers",
  "sustainability",
  "it_security",
  "costs",
  "other",
] as const;
/** MUSS / SOLL / KANN. */
export const requirementPriorities = ["must", "should", "may"] as const;
/** Intake status (UI: eingereicht, in Prüfung, übernommen, abgelehnt); the disposition comes later. */
export const requirementStatuses = ["submitted", "in_review", "accepted", "rejected"] as const;

export type ThreadKind = (typeof threadKinds)[number];
export type ThreadStatus = (typeof threadStatuses)[number];
export type NotificationKind = (typeof notificationKinds)[number];
export type FeedbackKind = (typeof feedbackKinds)[number];
export type DispositionCategory = (typeof dispositionCategories)[number];
export type OrganisationKind = (typeof organisationKinds)[number];
export type Phase = (typeof phases)[number];
export type Role = (typeof roles)[number];
export type SectionStatus = (typeof sectionStatuses)[number];
export type FundingStatus = (typeof fundingStatuses)[number];
export type MeasurePriority = (typeof measurePriorities)[number];
export type MeasureStatus = (typeof measureStatuses)[number];
export type Stance = (typeof stances)[number];
export type RequirementCategory = (typeof requirementCategories)[number];
export type RequirementPriority = (typeof requirementPriorities)[number];
export type RequirementStatus = (typeof requirementStatuses)[number];
export type DispositionState = (typeof dispositionStates)[number];
