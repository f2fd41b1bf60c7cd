import { type LoadOptions, runAdapter } from '@incluster/core';
import type { KubeConfig } from '@kubernetes/client-node';
import { type KubeConfigOptions, clientNodeAdapter } from './kube-config-options';

/** The options for `new KubeConfig().loadFromOptions()`, for the Pod this process runs in. */
export function inClusterKubeConfigOptions(options: LoadOptions = {}): KubeConfigOptions {
  return runAdapter(clientNodeAdapter, options);
}

/**
 * A client-node KubeConfig for the Pod this process runs in, ready for `makeApiClient()`. Unlike client-node's
 * loadFromCluster(), it always speaks https and validates the environment with the core's clear errors.
 * client-node is ESM-only: loading it from CommonJS needs Node 20.19 or later.
 */
export function createInClusterKubeConfig(options: LoadOptions = {}): KubeConfig {
  const kubeConfigOptions = inClusterKubeConfigOptions(options);
  const { KubeConfig: KubeConfigClass } = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
  const kubeConfig = new KubeConfigClass();
  kubeConfig.loadFromOptions(kubeConfigOptions);
  return kubeConfig;
}
