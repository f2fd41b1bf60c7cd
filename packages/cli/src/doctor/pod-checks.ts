import { X509Certificate } from 'node:crypto';
import { FileReader, NamespaceSource, discoverPodEnvironment, isInClusterConfigError, nodeFileReader, renderKubeconfig } from '@incluster/core';
import { readServiceAccountFile, readTokenFile } from '../service-account-files';
import { decodeJwtClaims, jwtExpiry } from '../jwt';
import { relativeTime, rfc3339Seconds } from '../time';
import { Check, fail, pass } from './check';
import { FIXES } from './fixes';

/*
 * Core's discovery judges the address, then the files, then the namespace, and stops at the first problem. The
 * doctor reports every problem at once, so it runs discovery once per concern with the other concerns made to pass:
 * files that always look present, and a stand-in address where the address is not the concern. The rules stay core's.
 */
const FILES_LOOK_PRESENT: Pick<FileReader, 'checkReadable'> = { checkReadable: () => undefined };
const NO_NAMESPACE_FILE: FileReader = {
  ...FILES_LOOK_PRESENT,
  readText: (path) => {
    throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
  },
};
const REAL_NAMESPACE_FILE: FileReader = { ...FILES_LOOK_PRESENT, readText: nodeFileReader.readText };
const STAND_IN_ADDRESS = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '443' };

type Env = Readonly<Record<string, string | undefined>>;

export function checkApiServerAddress(env: Env): Check {
  const { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } = env;
  const details = { KUBERNETES_SERVICE_HOST: KUBERNETES_SERVICE_HOST ?? '(not set)', KUBERNETES_SERVICE_PORT: KUBERNETES_SERVICE_PORT ?? '(not set)' };
  return failingOnCoreError('api-server-address', 'API server address', details, () => {
    const pod = discoverPodEnvironment({ env: { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT }, reader: NO_NAMESPACE_FILE });
    return pass('api-server-address', 'API server address', renderKubeconfig(pod).clusters[0].cluster.server, details);
  });
}

export function checkNamespace(env: Env, serviceAccountDir: string): Check {
  return failingOnCoreError('namespace', 'namespace', {}, () => {
    const pod = discoverPodEnvironment({ env: { ...STAND_IN_ADDRESS, POD_NAMESPACE: env.POD_NAMESPACE }, serviceAccountDir, reader: REAL_NAMESPACE_FILE });
    return pass('namespace', 'namespace', `${pod.namespace} (${NAMESPACE_SOURCES[pod.namespaceSource]})`);
  });
}

const NAMESPACE_SOURCES: Record<NamespaceSource, string> = {
  POD_NAMESPACE: 'from POD_NAMESPACE',
  'namespace-file': 'from the namespace file',
  default: 'the default: neither POD_NAMESPACE nor the namespace file is set',
};

/** The token's JWT claims (sub, aud, exp), decoded without verifying. The token itself never leaves this function. */
export function checkToken(path: string, now: Date): Check {
  return failingOnCoreError('token', 'token', { path }, () => {
    const claims = decodeJwtClaims(readTokenFile(path));
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
export function checkCertificateAuthority(path: string, now: Date): Check {
  const id = 'certificate-authority';
  const title = 'CA bundle (ca.crt)';
  const code = 'INVALID_CERTIFICATE_AUTHORITY';
  return failingOnCoreError(id, title, { path }, () => {
    const pem = readServiceAccountFile(path, 'CA bundle');
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
function failingOnCoreError(id: string, title: string, details: Record<string, string>, run: () => Check): Check {
  try {
    return run();
  } catch (error) {
    if (!isInClusterConfigError(error)) {
      throw error;
    }
    return fail(id, title, { code: error.code, summary: firstSentence(error.message), hint: FIXES[error.code] }, details);
  }
}


function firstSentence(message: string): string {
  return message.split(/(?<=\.) (?=[A-Z])/)[0];
}
