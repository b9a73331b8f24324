/**
 * Kubernetes label selectors, as apimachinery's LabelSelectorAsSelector reads them: every `matchLabels` entry and
 * every `matchExpressions` requirement must hold (AND); `{}` selects everything.
 * Source: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 * and k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches): `NotIn` and `DoesNotExist` hold for an
 * object that lacks the key.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/kubernetes.js';

export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  return firstFailingRequirement(selector, labels) === undefined;
}

/** Why a selector does not match, in one line (first failing requirement), or undefined when it matches. */
export function explainSelectorMismatch(selector: LabelSelector, labels: Labels): string | undefined {
  return firstFailingRequirement(selector, labels);
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** A selector in the compact form kubectl prints (`pod=a,env in (prod,staging),!legacy`); `{}` when empty. */
export function formatSelector(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '{}';
  const parts: string[] = [];
  for (const key of Object.keys(selector.matchLabels).sort())
    parts.push(`${key}=${selector.matchLabels[key]}`);
  for (const requirement of selector.matchExpressions) parts.push(formatRequirement(requirement));
  return parts.join(',');
}

export function formatRequirement(requirement: LabelSelectorRequirement): string {
  const values = `(${requirement.values.join(',')})`;
  switch (requirement.operator) {
    case 'In':
      return `${requirement.key} in ${values}`;
    case 'NotIn':
      return `${requirement.key} notin ${values}`;
    case 'Exists':
      return requirement.key;
    case 'DoesNotExist':
      return `!${requirement.key}`;
  }
}

function hasKey(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

function describeValue(labels: Labels, key: string): string {
  return hasKey(labels, key) ? `is ${key}=${labels[key]}` : `has no label ${key}`;
}

export function requirementHolds(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const present = hasKey(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return present && value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return !present || value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

function firstFailingRequirement(selector: LabelSelector, labels: Labels): string | undefined {
  // Keys in sorted order so the explanation is the same whatever order the manifest listed them in.
  for (const key of Object.keys(selector.matchLabels).sort()) {
    const wanted = selector.matchLabels[key];
    if (!hasKey(labels, key) || labels[key] !== wanted) {
      return `needs ${key}=${wanted}, but ${describeValue(labels, key)}`;
    }
  }
  for (const requirement of selector.matchExpressions) {
    if (!requirementHolds(requirement, labels)) {
      return `needs ${formatRequirement(requirement)}, but ${describeValue(labels, requirement.key)}`;
    }
  }
  return undefined;
}
