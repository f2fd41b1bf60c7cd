/**
 * The real Pulumi engine as a test harness: PulumiStack runs a program directory (Node.js or Python) as a stack with
 * the pinned pulumi CLI and Kubernetes plugin, offline, with only the environment it is given (a Pod's), and
 * exposes up, preview, refresh, destroy and stack export.
 */
export { OperationOptions, OperationResult, PULUMI_OPERATION_TIMEOUT_MS, PulumiOperationError, PulumiStack, PulumiStackOptions } from './pulumi-stack';
