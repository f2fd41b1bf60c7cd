import { constants, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
import { md, pki } from 'node-forge';

/** A throwaway CA and a server certificate it signed, as PEM. */
export interface TestCertificates {
  readonly caCertificate: string;
  /** The CA's private key, for signing client certificates (createClientCertificate). */
  readonly caKey: string;
  readonly serverCertificate: string;
  readonly serverKey: string;
}

/** A client certificate and its key, as PEM. */
export interface ClientCertificate {
  readonly certificate: string;
  readonly key: string;
}

/** The names a client inside or outside a Pod may use to reach the stand-in API server. */
const SERVER_DNS_NAMES = ['localhost', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
const SERVER_IP_ADDRESSES = ['127.0.0.1', '::1'];

/** Go's crypto/tls rejects RSA keys under 1024 bits; 2048 is the smallest size nobody argues about. */
const RSA_KEY_BITS = 2048;

const HOUR_MS = 60 * 60 * 1000;

/** The DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1), which a PKCS #1 v1.5 signature encrypts. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** Generates a fresh CA and server certificate, so no key material is ever checked in or shared between tests. */
export function createTestCertificates(): TestCertificates {
  const caKeys = pki.rsa.generateKeyPair({ bits: RSA_KEY_BITS });
  const caName = [{ name: 'commonName', value: 'incluster test CA' }];
  const ca = newCertificate(caKeys.publicKey, caName, caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    // Key identifiers are optional for Go and Node but required by strict verifiers (Python 3.13's default).
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(signingWithNodeCrypto(caKeys.privateKey), md.sha256.create());

  const serverKeys = pki.rsa.generateKeyPair({ bits: RSA_KEY_BITS });
  const server = newCertificate(serverKeys.publicKey, [{ name: 'commonName', value: 'kubernetes' }], caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...SERVER_DNS_NAMES.map((value) => ({ type: 2 /* dNSName */, value })),
        ...SERVER_IP_ADDRESSES.map((ip) => ({ type: 7 /* iPAddress */, ip })),
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(signingWithNodeCrypto(caKeys.privateKey), md.sha256.create());

  return {
    caCertificate: pki.certificateToPem(ca),
    caKey: pki.privateKeyToPem(caKeys.privateKey),
    serverCertificate: pki.certificateToPem(server),
    serverKey: pki.privateKeyToPem(serverKeys.privateKey),
  };
}

/**
 * A client certificate signed by the test CA. The API server takes the common name as the user and each
 * organization as a group (`system:masters` is the cluster admin).
 */
export function createClientCertificate(certificates: TestCertificates, subject: { commonName: string; organizations?: readonly string[] }): ClientCertificate {
  const ca = pki.certificateFromPem(certificates.caCertificate);
  const keys = pki.rsa.generateKeyPair({ bits: RSA_KEY_BITS });
  const client = newCertificate(
    keys.publicKey,
    [{ name: 'commonName', value: subject.commonName }, ...(subject.organizations ?? []).map((value) => ({ name: 'organizationName', value }))],
    ca.subject.attributes,
  );
  client.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  client.sign(signingWithNodeCrypto(pki.privateKeyFromPem(certificates.caKey)), md.sha256.create());
  return { certificate: pki.certificateToPem(client), key: pki.privateKeyToPem(keys.privateKey) };
}

/** An RSA key pair as PEM (PKCS#1 private key, SubjectPublicKeyInfo public key), such as a service-account signing key. */
export function createKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: RSA_KEY_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

/**
 * A self-signed CA certificate and nothing else, valid from `notBefore` to `notAfter`: the expired (or not yet valid)
 * CA that sits beside the current one in a ca.crt bundle during a CA rotation.
 */
export function createCaCertificate(options: { readonly commonName: string; readonly notBefore: Date; readonly notAfter: Date }): string {
  const keys = pki.rsa.generateKeyPair({ bits: RSA_KEY_BITS });
  const name = [{ name: 'commonName', value: options.commonName }];
  const ca = newCertificate(keys.publicKey, name, name);
  ca.validity.notBefore = options.notBefore;
  ca.validity.notAfter = options.notAfter;
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(signingWithNodeCrypto(keys.privateKey), md.sha256.create());
  return pki.certificateToPem(ca);
}

/**
 * The key, with its RSA operation done by node:crypto (OpenSSL) rather than by forge's JavaScript, which takes 2 to 3 s
 * a signature inside Jest on Node 22 and 24 (0.1 s on Node 20), long enough to time tests out. The signature is the
 * one forge's key.sign(md) computes: PKCS #1 v1.5, the DigestInfo of the SHA-256 digest under the private key.
 */
function signingWithNodeCrypto(privateKey: pki.rsa.PrivateKey): pki.rsa.PrivateKey {
  const pem = pki.privateKeyToPem(privateKey);
  const sign = (digest: md.MessageDigest): string => {
    if (digest.algorithm !== 'sha256') {
      throw new Error(`certificates are signed with SHA-256, not ${digest.algorithm}`);
    }
    const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(digest.digest().getBytes(), 'binary')]);
    return privateEncrypt({ key: pem, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
  };
  return { ...privateKey, sign };
}

function newCertificate(
  publicKey: pki.PublicKey,
  subject: pki.CertificateField[],
  issuer: pki.CertificateField[],
): pki.Certificate {
  const certificate = pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = randomPositiveSerial();
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - HOUR_MS);
  certificate.validity.notAfter = new Date(now + 24 * HOUR_MS);
  certificate.setSubject(subject);
  certificate.setIssuer(issuer);
  return certificate;
}

/**
 * 16 random bytes as hex. The first byte is forced into 0x40..0x7f: a clear top bit keeps the DER INTEGER positive
 * (RFC 5280), and a non-zero first byte keeps it minimally encoded, which Go's x509 parser insists on.
 */
function randomPositiveSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}
