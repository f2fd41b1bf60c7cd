import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { type KubeconfigProducer, renderArguments } from '@incluster/testkit';

const BINARY = join(__dirname, '..', '..', 'bin', 'incluster-kubeconfig.js');

/** The built binary, as a Pod would run it, with nothing but the Pod's environment. */
export const binaryProducer: KubeconfigProducer = ({ env, options }) =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BINARY, ...renderArguments(options)], { env: { ...env } }, (error, stdout, stderr) => {
      if (!error) {
        return resolve(stdout);
      }
      const code = /^incluster-kubeconfig: error (\w+):/.exec(stderr)?.[1];
      reject(Object.assign(new Error(stderr.trim()), { code }));
    });
  });
