/**
 * The labels that mark a package's record set and update in bag-info.txt (DESIGN §6). Kept
 * apart from the export code: the verifier page reads them and carries no database code.
 */
export const BAG_INFO = { recordSet: 'Vigil-Record-Set', updateOf: 'Vigil-Update-Of', baseRecordSet: 'Vigil-Base-Record-Set' } as const;
