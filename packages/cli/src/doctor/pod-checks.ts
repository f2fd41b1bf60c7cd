import {
  type Environment,
  type NamespaceSource,
  discoverNamespace,
  nodeFileReader,
  readServiceAccountToken,
  readServiceAddress,
  serverUrl,
} from '@incluster/core';
import { decodeJwtClaims, jwtExpiry } from '../jwt';
import { relativeTime, rfc3339Seconds } from '../time';
import { type Check, fail, pass } from './check';
import { type CheckedFile, failingOnCoreError } from './failing-on-core-error';
import { FIXES } from './fixes';

export function checkApiServerAddress(env: Environment): Check {
  const { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } = env;
  const details = { KUBERNETES_SERVICE_HOST: KUBERNETES_SERVICE_HOST ?? '(not set)', KUBERNETES_SERVICE_PORT: KUBERNETES_SERVICE_PORT ?? '(not set)' };
  return failingOnCoreError('api-server-address', 'API server address', details, undefined, () => {
    const { host, port } = readServiceAddress(env);
    return pass('api-server-address', 'API server address', serverUrl(host, port), details);
  });
}

export function checkNamespace(env: Environment, file: CheckedFile): Check {
  return failingOnCoreError('namespace', 'namespace', {}, file.given, () => {
    const { namespace, namespaceSource } = discoverNamespace(env, nodeFileReader, file.path, file.origin);
    return pass('namespace', 'namespace', `${namespace} (${NAMESPACE_SOURCES[namespaceSource]})`);
  });
}

const NAMESPACE_SOURCES: Record<NamespaceSource, string> = {
  option: 'from the namespace option',
  POD_NAMESPACE: 'from POD_NAMESPACE',
  'namespace-file': 'from the namespace file',
  default: 'the default: neither POD_NAMESPACE nor the namespace file is set',
};

/** The token's JWT claims (sub, aud, exp), decoded without verifying. The token itself never leaves this function. */
export function checkToken(file: CheckedFile, now: Date): Check {
  const { path } = file;
  return failingOnCoreError('token', 'token', { path }, file.given, () => {
    const claims = decodeJwtClaims(readServiceAccountToken(nodeFileReader, path, file.origin));
    if (claims === undefined) {
      return pass('token', 'token', 'present, but not a JWT: its subject and expiry are unknown', { path });
    }
    const expiry = jwtExpiry(claims);
    const details = {
      path,
      sub: claims.sub ?? '(none)',
      aud: claims.aud === undefined ? '(none)' : [claims.aud].flat().join(', '),
      exp: expiry === undefined ? '(none)' : `${rfc3339Seconds(expiry)} (${relativeTime(expiry, now)})`,
    };
    if (expiry !== undefined && expiry <= now) {
      const code = 'TOKEN_EXPIRED';
      return fail('token', 'token', { code, summary: `expired ${relativeTime(expiry, now)}: the API server will refuse it`, hint: FIXES[code] }, details);
    }
    return pass('token', 'token', `a JWT for ${details.sub}`, details);
  });
}
