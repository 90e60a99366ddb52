// Types of scripts/check-catalogs.mjs, for its test.
export const DEFAULTS: { locales: string; sources: string[]; defaultNamespace: string; reference: string }
export function readCatalogs(dir: string): Map<string, Map<string, string>>
export function checkCatalogsAgainstEachOther(languages: Map<string, Map<string, string>>): string[]
export interface SourceScan {
  keys: { key: string; where: string }[]
  patterns: RegExp[]
  literals: Set<string>
}
export function scanSources(dirs: string[], defaultNamespace?: string): SourceScan
export function checkCatalogsAgainstCode(reference: Map<string, string>, scan: SourceScan): string[]
export function checkCatalogs(options?: Partial<typeof DEFAULTS>): string[]
