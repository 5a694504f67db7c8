import type { CheckPlanItem, CheckResult } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';

/** A result's finding in the user's language: its key when the group is keyed (Issue 14), else the engine's English. */
export function wordFinding(result: Pick<CheckResult, 'finding' | 'findingText'>): string {
  return result.findingText ? engineText(result.findingText) : result.finding;
}

/** A check's statement in the user's language: its key when the run sent one (Issue 14), else the engine's English. */
export function wordStatement(item: Pick<CheckPlanItem, 'statement' | 'statementText'>): string {
  return item.statementText ? engineText(item.statementText) : item.statement;
}
