// Import of sealed packages into a vault, verified first, with provenance (DESIGN §6).
export { importPackage, type ImportOptions, type ImportResult } from './import-package';
export { caseProvenance, type CaseProvenance } from './provenance';
export { AlreadyImportedError, priorImport, type PriorImport } from './already-imported';
