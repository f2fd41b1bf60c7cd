/**
 * The real Pulumi engine as a test harness: PulumiStack runs a program directory (Node.js or Python) as a stack with
 * the pinned pulumi CLI and Kubernetes plugin, offline, with only the environment it is given (a Pod's), and
 * exposes up, preview, refresh, destroy and stack export; describeRealEngineScenario() is the life of a stack that
 * every Pulumi program of incluster's goes through on a real cluster.
 */
export { OperationOptions, OperationResult, PULUMI_OPERATION_TIMEOUT_MS, PulumiOperationError, PulumiStack, PulumiStackOptions } from './pulumi-stack';
export { ENGINE_STEP_TIMEOUT_MS, ScenarioProgram, describeRealEngineScenario } from './engine-scenario';
