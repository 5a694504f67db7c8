import type { LabAction } from '../../electron/contract';

import { i18n } from '../i18n';

export const actionLabel = (action: LabAction): string => i18n.t(`lab.action.${action}.label`);
export const actionHint = (action: LabAction): string => i18n.t(`lab.action.${action}.hint`);
