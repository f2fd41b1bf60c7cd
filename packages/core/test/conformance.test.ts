import { describeKubeconfigConformance } from '@incluster/testkit';
import { loadInClusterKubeconfig, toYaml } from '../src';

// The core itself, in process: the reference producer every other package is compared with.
describeKubeconfigConformance('@incluster/core', ({ env, options }) => toYaml(loadInClusterKubeconfig({ ...options, env })));
