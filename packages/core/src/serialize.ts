import { stringify } from 'yaml';
import { Kubeconfig } from './kubeconfig';

/** YAML for any client. Deterministic: the same kubeconfig always gives the same bytes. */
export function toYaml(kubeconfig: Kubeconfig): string {
  return stringify(kubeconfig, { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: false });
}

/** JSON, which every kubeconfig parser also accepts. Deterministic like toYaml. */
export function toJson(kubeconfig: Kubeconfig): string {
  return `${JSON.stringify(kubeconfig, null, 2)}\n`;
}
