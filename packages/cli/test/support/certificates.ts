import { type TestCertificates, createTestCertificates } from '@incluster/testkit';

let cached: TestCertificates | undefined;

/** One CA and server certificate (for 127.0.0.1) per test file: generating them takes a moment, and no test needs a fresh one. */
export function testCertificates(): TestCertificates {
  cached ??= createTestCertificates();
  return cached;
}
