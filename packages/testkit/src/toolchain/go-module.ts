import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoCommand } from './go-command';

/** What `go mod edit -json` says of a go.mod: the parts a throwaway module needs. */
export interface GoModFile {
  readonly Go: string;
  readonly Replace?: ReadonlyArray<{ readonly Old: { readonly Path: string }; readonly New: { readonly Path: string; readonly Version?: string } }>;
}

export interface ModuleSource {
  /** The module's own go.mod, parsed. */
  readonly goMod: GoModFile;
  /** The unpacked module in the read-only module cache. */
  readonly dir: string;
}

/** Downloads a module from the module proxy into Go's module cache, and reads its go.mod. */
export async function downloadModule(go: GoCommand, module: string, version: string, cwd: string): Promise<ModuleSource> {
  const download = JSON.parse(await go.run(['mod', 'download', '-json', `${module}@${version}`], { cwd }));
  const goMod = JSON.parse(await go.run(['mod', 'edit', '-json', download.GoMod], { cwd })) as GoModFile;
  return { goMod, dir: download.Dir };
}

/** A replace directive of a throwaway module: `path => target version`. */
export interface Replacement {
  readonly path: string;
  readonly target: string;
  readonly version: string;
}

/**
 * The replace directives of an upstream go.mod that point at other published modules (forks), which a module that
 * merely requires it would otherwise ignore; those that point into the upstream repository (`./staging/...`,
 * `../sdk`) are left to `local`, which maps each to a published version or drops it.
 */
export function upstreamReplacements(goMod: GoModFile, local: (path: string, target: string) => Replacement | undefined): Replacement[] {
  return (goMod.Replace ?? []).flatMap(({ Old, New }) => {
    if (New.Version !== undefined) {
      return [{ path: Old.Path, target: New.Path, version: New.Version }];
    }
    const mapped = local(Old.Path, New.Path);
    return mapped ? [mapped] : [];
  });
}

export interface ThrowawayModule {
  readonly goVersion: string;
  readonly requires: ReadonlyArray<{ readonly path: string; readonly version: string }>;
  readonly replacements: readonly Replacement[];
  /** The command packages to build, imported by a tools file so that `go mod tidy` keeps what they need. */
  readonly commands: readonly string[];
}

/**
 * Writes a module of our own that requires the upstream command's module. Upstream modules often replace their
 * dependencies with paths inside their repository, which `go install module@version` refuses; a module that
 * requires them instead ignores those directives, and takes the published versions given here.
 */
export async function writeThrowawayModule(go: GoCommand, dir: string, module: ThrowawayModule): Promise<void> {
  const lines = [
    'module local/incluster-toolchain',
    '',
    `go ${module.goVersion}`,
    '',
    'require (',
    ...module.requires.map(({ path, version }) => `\t${path} ${version}`),
    ')',
    '',
    ...(module.replacements.length ? ['replace (', ...module.replacements.map((r) => `\t${r.path} => ${r.target} ${r.version}`), ')'] : []),
    '',
  ];
  writeFileSync(join(dir, 'go.mod'), lines.join('\n'));
  writeFileSync(join(dir, 'tools.go'), ['//go:build tools', '', 'package tools', '', ...module.commands.map((c) => `import _ "${c}"`), ''].join('\n'));
  await go.run(['mod', 'tidy'], { cwd: dir });
}

/** `-X` flags that stamp a version into a Go binary. */
export function stamp(variables: Record<string, string>): string {
  return ['-s', '-w', ...Object.entries(variables).map(([name, value]) => `-X ${name}=${value}`)].join(' ');
}
