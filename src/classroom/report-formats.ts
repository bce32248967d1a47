/** The class report's formats (`classroom report --format`), in a module light enough for the CLI's option list. */
export type ReportFormat = 'table' | 'csv' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json', 'html'];
