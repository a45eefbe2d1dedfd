/** Handlers of the reports area: each channel mapped to its function in main/api/reports.ts; the grant here. */
import type { REPORTS_CHANNELS } from '../../shared/areas/reports.channels';
import { reportsCase } from '../api/reports';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The reports area's handlers. */
export function reportsHandlers(s: AppServices): { [C in (typeof REPORTS_CHANNELS)[number]]: Handler<C> } {
  return {
    'reports:case': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.output, 'save-file', (output) => reportsCase(vault, req, output));
    },
  };
}
