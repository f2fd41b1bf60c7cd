import { dirname } from 'node:path';
import { PULUMI_CLI } from '../toolchain/pulumi-cli';
import { PULUMI_KUBERNETES_PROVIDER } from '../toolchain/pulumi-kubernetes-provider';
import { resolvePinnedBinary } from '../toolchain/pinned-binary';

/**
 * The variables that make the pulumi CLI work offline and leave nothing outside `home`: its own PULUMI_HOME and
 * HOME, no update check, no plugin download, a passphrase secrets provider with an empty passphrase. The pinned
 * Kubernetes plugin is found on PATH, as the engine looks for plugins there before its plugin cache.
 */
export async function engineEnvironment(home: string): Promise<Record<string, string>> {
  const cli = await resolvePinnedBinary(PULUMI_CLI);
  const plugin = await resolvePinnedBinary(PULUMI_KUBERNETES_PROVIDER);
  return {
    PATH: [dirname(cli), dirname(plugin), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: home,
    PULUMI_HOME: `${home}/.pulumi`,
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_CONFIG_PASSPHRASE: '',
  };
}
