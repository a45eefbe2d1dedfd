// Moved to shared/ so the offline verifier page prints names as the CLI does; kept here for the core's imports.
export { printable } from '../../shared/printable';
