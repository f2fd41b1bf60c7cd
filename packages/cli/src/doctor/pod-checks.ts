import { X509Certificate } from 'node:crypto';
import {
  Environment,
  NamespaceSource,
  PathOrigin,
  discoverNamespace,
  isInClusterConfigError,
  nodeFileReader,
  readServiceAccountToken,
  readServiceAddress,
  requireServiceAccountFile,
  serverUrl,
} from '@incluster/core';
import { decodeJwtClaims, jwtExpiry } from '../jwt';
import { PathFlag, firstSentence, fixNamingTheFlag } from '../path-flag';
import { relativeTime, rfc3339Seconds } from '../time';
import { Check, fail, pass } from './check';
import { FIXES } from './fixes';

export function checkApiServerAddress(env: Environment): Check {
  const { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } = env;
  const details = { KUBERNETES_SERVICE_HOST: KUBERNETES_SERVICE_HOST ?? '(not set)', KUBERNETES_SERVICE_PORT: KUBERNETES_SERVICE_PORT ?? '(not set)' };
  return failingOnCoreError('api-server-address', 'API server address', details, undefined, () => {
    const { host, port } = readServiceAddress(env);
    return pass('api-server-address', 'API server address', serverUrl(host, port), details);
  });
}

/** Where a check finds its file: the path, where it came from, and the flag that gave it, if one did. */
export interface CheckedFile {
  readonly path: string;
  readonly origin: PathOrigin;
  readonly given?: PathFlag;
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

/** ca.crt parsed as X.509: whom it names and until when it is valid. */
export function checkCertificateAuthority(file: CheckedFile, now: Date): Check {
  const { path } = file;
  const id = 'certificate-authority';
  const title = 'CA bundle (ca.crt)';
  const code = 'INVALID_CERTIFICATE_AUTHORITY';
  return failingOnCoreError(id, title, { path }, file.given, () => {
    requireServiceAccountFile(nodeFileReader, path, file.origin);
    const pem = nodeFileReader.readText(path);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (error) {
      return fail(id, title, { code, summary: `holds no readable PEM certificate (${(error as Error).message})`, hint: FIXES[code] }, { path });
    }
    const notBefore = new Date(certificate.validFrom);
    const notAfter = new Date(certificate.validTo);
    const details = {
      path,
      subject: certificate.subject.split('\n').join(', '),
      certificates: String(pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0),
      expires: `${rfc3339Seconds(notAfter)} (${relativeTime(notAfter, now)})`,
    };
    if (notAfter <= now) {
      return fail(id, title, { code, summary: `expired ${relativeTime(notAfter, now)}`, hint: FIXES[code] }, details);
    }
    if (notBefore > now) {
      return fail(id, title, { code, summary: `not valid until ${rfc3339Seconds(notBefore)}`, hint: FIXES[code] }, details);
    }
    return pass(id, title, `valid, ${details.subject}`, details);
  });
}

/**
 * Runs a check; an InClusterConfigError becomes its failure. Error messages say what is wrong, then how to fix it;
 * the checklist keeps the first part and gives the fix on a line of its own.
 */
function failingOnCoreError(id: string, title: string, details: Record<string, string>, given: PathFlag | undefined, run: () => Check): Check {
  try {
    return run();
  } catch (error) {
    if (!isInClusterConfigError(error)) {
      throw error;
    }
    const hint = fixNamingTheFlag(error, given) ?? FIXES[error.code];
    return fail(id, title, { code: error.code, summary: firstSentence(error.message), hint }, details);
  }
}
