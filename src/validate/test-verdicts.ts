/**
 * For tests: the one finding and JSON result the report, session and command-line tests all
 * expect for a page view without a name (rule `page-name`, call `r-1`).
 */
import type { SessionResult } from './session-verdicts';
import type { Finding } from './types';

export const MISSING_NAME: Finding = {
  rule: 'page-name',
  status: 'fail',
  path: 'xdm.web.webPageDetails.name',
  expected: 'present and not empty',
  actual: '(missing)',
  message: 'xdm.web.webPageDetails.name is missing',
};

export const MISSING_NAME_RESULT: SessionResult = {
  requestId: 'r-1',
  eventIndex: 0,
  eventType: 'web.webpagedetails.pageViews',
  rule: 'page-name',
  status: 'fail',
  path: 'xdm.web.webPageDetails.name',
  message: 'xdm.web.webPageDetails.name is missing',
};
