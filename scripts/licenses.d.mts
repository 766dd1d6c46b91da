/** Types of scripts/licenses.mjs, for the tests that import it. */
export interface LicenseEntry {
  name: string;
  version: string;
  /** An SPDX expression, e.g. MIT or (MIT OR Apache-2.0). */
  license: string;
  /** The licence's full text. */
  text: string;
  /** Where the text comes from (the package's file, or why another source). */
  source: string;
  repository?: string;
}
export const ALLOWED: Set<string>;
export const FORBIDDEN: RegExp;
export function licenseAllowsShipping(expression: string | null | undefined): boolean;
export function excludedPackages(builderYml: string): string[];
export function isExcluded(name: string, patterns: string[]): boolean;
export function collectLicenses(root?: string): { entries: LicenseEntry[]; problems: string[]; excluded: string[] };
export function renderText(entries: LicenseEntry[]): string;
