/** The version printed by `faultline --version` and written into SARIF. */
export const VERSION = '0.1.0';
