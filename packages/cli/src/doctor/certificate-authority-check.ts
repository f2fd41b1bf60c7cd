import { X509Certificate } from 'node:crypto';
import { nodeFileReader, requireServiceAccountFile } from '@incluster/core';
import { relativeTime, rfc3339Seconds } from '../time';
import { type Check, fail, pass } from './check';
import { type CheckedFile, failingOnCoreError } from './failing-on-core-error';
import { FIXES } from './fixes';

const ID = 'certificate-authority';
const TITLE = 'CA bundle (ca.crt)';
const CODE = 'INVALID_CERTIFICATE_AUTHORITY';

/** One PEM block of the bundle, as a client would load it. */
type BundleEntry =
  | { readonly usable: true; readonly subject: string; readonly line: string }
  | { readonly usable: false; readonly subject?: string; readonly line: string; readonly warning: string; readonly problem: string };

/**
 * ca.crt judged as clients judge it: they trust every certificate in the bundle, so it works while at least one of
 * them is valid now. During a CA rotation it holds the old CA, perhaps expired, beside the new one; that is a warning,
 * not a failure. Each certificate is listed with its subject and expiry.
 */
export function checkCertificateAuthority(file: CheckedFile, now: Date): Check {
  const { path } = file;
  return failingOnCoreError(ID, TITLE, { path }, file.given, () => {
    requireServiceAccountFile(nodeFileReader, path, file.origin);
    const blocks = nodeFileReader.readText(path).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    const entries = blocks.map((block, index) => bundleEntry(block, index + 1, now));
    const details = {
      path,
      certificates: String(entries.length),
      ...Object.fromEntries(entries.map((entry, index) => [`certificate ${index + 1}`, entry.line])),
    };
    const usable = entries.filter((entry) => entry.usable);
    if (usable.length === 0) {
      return fail(ID, TITLE, { code: CODE, summary: noneUsable(entries), hint: FIXES[CODE] }, details);
    }
    const warnings = entries.flatMap((entry) => (entry.usable ? [] : [entry.warning]));
    const counted = entries.length === 1 ? '' : ` (${usable.length} of ${entries.length} certificates valid)`;
    return pass(ID, TITLE, `valid, ${usable.map((entry) => entry.subject).join('; ')}${counted}`, details, warnings);
  });
}

function bundleEntry(block: string, number: number, now: Date): BundleEntry {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(block);
  } catch (error) {
    const problem = `holds no readable PEM certificate (${(error as Error).message})`;
    return { usable: false, line: `not a readable certificate (${(error as Error).message})`, problem, warning: `certificate ${number} is not a readable certificate: clients skip it` };
  }
  const subject = certificate.subject.split('\n').join(', ');
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (notAfter <= now) {
    const expired = `expired ${relativeTime(notAfter, now)}`;
    return {
      usable: false,
      subject,
      line: `${subject}, expired ${rfc3339Seconds(notAfter)} (${relativeTime(notAfter, now)})`,
      problem: expired,
      warning: `certificate ${number} (${subject}) ${expired}: clients skip it, and it can leave the bundle once the CA rotation is over`,
    };
  }
  if (notBefore > now) {
    const early = `not valid until ${rfc3339Seconds(notBefore)}`;
    return { usable: false, subject, line: `${subject}, ${early}`, problem: early, warning: `certificate ${number} (${subject}) is ${early}: clients cannot use it yet` };
  }
  return { usable: true, subject, line: `${subject}, expires ${rfc3339Seconds(notAfter)} (${relativeTime(notAfter, now)})` };
}

/** Why a bundle without a usable certificate fails: for one certificate, its own problem. */
function noneUsable(entries: readonly BundleEntry[]): string {
  if (entries.length === 0) {
    return 'holds no PEM certificate ("-----BEGIN CERTIFICATE-----")';
  }
  if (entries.length === 1 && !entries[0].usable) {
    return entries[0].problem;
  }
  return `none of its ${entries.length} certificates is valid now`;
}
