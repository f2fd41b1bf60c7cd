import { DEFAULT_SERVICE_ACCOUNT_DIR } from '@incluster/core';
import { Option } from 'commander';
import { nonEmptyPath } from './non-empty-path';

/** --service-account-dir, which every command takes; `holding` says what the command reads there. */
export function serviceAccountDirOption(holding: string): Option {
  return new Option(
    '--service-account-dir <dir>',
    `the directory holding ${holding} (default: $INCLUSTER_SERVICE_ACCOUNT_DIR, else ${DEFAULT_SERVICE_ACCOUNT_DIR})`,
  ).argParser(nonEmptyPath);
}
