export { loadScenarios, type Scenario, type ScenarioFile, type ScenarioFault, type Rung, type Hypothesis, type Expectation, type ScenarioLoadResult } from './load.js';
export { runScenario, checkScenario, type ScenarioResult, type RungResult, type Violation, type ScenarioOptions } from './evaluate.js';
export { ScenarioFileSchema } from './schema.js';
