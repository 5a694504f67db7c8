export function installedElectron(): string | null;
export function downloadElectron(): boolean;
export const MISSING_ELECTRON: string;
