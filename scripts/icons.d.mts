export declare const LINUX_SIZES: number[];
export declare function generateIcons(dir?: string): string[];
