/**
 * Plain values of the packages area, shared by the core, the CLI and the
 * interface. A package's file name and its bag's folder name lie outside the
 * encryption (the receipt names both), so the names Vigil chooses are neutral:
 * the day of the export only, never a case's title or reference, a person or
 * a file name.
 */

/** The UTC day of `date` as YYYYMMDD. */
function compactDay(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** The bag's folder name inside a package exported on `date` (UTC day): vigil-package-YYYYMMDD. */
export function packageBagName(date: Date): string {
  return `vigil-package-${compactDay(date)}`;
}

/** The file name offered for a new package: vigil-package-YYYYMMDD.tar.age. */
export function defaultPackageFileName(date: Date): string {
  return `${packageBagName(date)}.tar.age`;
}
