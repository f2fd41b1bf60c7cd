import { createPrivateKey, X509Certificate } from 'node:crypto';
import { pki } from 'node-forge';
import { createCaCertificate, createTestCertificates } from '../src/cluster/certificates';

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
const HOUR_MS = 60 * 60 * 1000;

describe('createTestCertificates', () => {
  const before = Date.now();
  const certificates = createTestCertificates();
  const ca = new X509Certificate(certificates.caCertificate);
  const server = new X509Certificate(certificates.serverCertificate);

  test('returns PEM strings', () => {
    expect(certificates.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/);
    expect(certificates.serverCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/);
    expect(certificates.serverKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\r?\n/);
  });

  test('the CA is a CA that may sign certificates, and signed the server certificate', () => {
    expect(ca.ca).toBe(true);
    expect(pki.certificateFromPem(certificates.caCertificate).getExtension('keyUsage')).toMatchObject({ keyCertSign: true });
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
  });

  test('the server key belongs to the server certificate and is RSA 2048', () => {
    const key = createPrivateKey(certificates.serverKey);
    expect(server.checkPrivateKey(key)).toBe(true);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  test('the server certificate names every address a client may dial', () => {
    for (const host of ['localhost', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']) {
      expect(server.checkHost(host)).toBe(host);
    }
    for (const ip of ['127.0.0.1', '::1']) {
      expect(server.checkIP(ip)).toBe(ip);
    }
    expect(server.checkHost('example.com')).toBeUndefined();
  });

  test('the server certificate is for server authentication', () => {
    expect(server.keyUsage).toEqual([SERVER_AUTH_OID]);
  });

  test('both are valid from an hour ago for a day', () => {
    for (const certificate of [ca, server]) {
      const notBefore = Date.parse(certificate.validFrom);
      const notAfter = Date.parse(certificate.validTo);
      // Certificate times have whole seconds, hence the slack.
      expect(notBefore).toBeGreaterThanOrEqual(before - HOUR_MS - 1000);
      expect(notBefore).toBeLessThanOrEqual(Date.now() - HOUR_MS);
      expect(notAfter).toBeGreaterThanOrEqual(before + 24 * HOUR_MS - 1000);
      expect(notAfter).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);
    }
  });

  test('serial numbers are positive and minimally encoded', () => {
    for (const certificate of [ca, server]) {
      // The top bit set would make the DER INTEGER negative; a leading 00 would make it non-minimal.
      expect(certificate.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
    expect(server.serialNumber).not.toBe(ca.serialNumber);
  });

  test('every call makes new keys', () => {
    const other = createTestCertificates();
    expect(other.serverKey).not.toBe(certificates.serverKey);
    expect(new X509Certificate(other.serverCertificate).verify(ca.publicKey)).toBe(false);
  });
});

describe('createCaCertificate', () => {
  test('is a self-signed CA valid exactly when asked, such as one that expired during a CA rotation', () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const ca = new X509Certificate(createCaCertificate({ commonName: 'old cluster CA', notBefore, notAfter }));

    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=old cluster CA');
    expect(ca.checkIssued(ca)).toBe(true);
    expect([new Date(ca.validFrom), new Date(ca.validTo)]).toEqual([notBefore, notAfter]);
  });
});
