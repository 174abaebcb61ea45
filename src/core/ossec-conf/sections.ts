/**
 * How `GET /manager/configuration` folds the blocks of `ossec.conf` into JSON. These are facts of Wazuh 4.14's
 * output, kept as data so the converter stays generic:
 *
 * - `duplicate`: every block is kept, the section is a list of objects (`localfile`, `command`...).
 * - `merge`: blocks are folded into one object; options listed in `lists` accumulate, others are overwritten.
 * - `last`: only the last block counts.
 *
 * A section that is not in this table is left out of the output (and asking for it is error 1102).
 * `lists` names the options that are always lists, even when they appear once.
 */
export type SectionKind = 'duplicate' | 'merge' | 'last';

export interface SectionRule {
  kind: SectionKind;
  lists: readonly string[];
}

const rule = (kind: SectionKind, ...lists: string[]): SectionRule => ({ kind, lists });

export const SECTION_RULES: Readonly<Record<string, SectionRule>> = Object.freeze({
  'active-response': rule('duplicate'),
  command: rule('duplicate'),
  agentless: rule('duplicate'),
  localfile: rule('duplicate', 'filter', 'ignore'),
  remote: rule('duplicate'),
  syslog_output: rule('duplicate'),
  integration: rule('duplicate'),
  labels: rule('duplicate', 'label'),

  alerts: rule('merge'),
  client: rule('merge'),
  database_output: rule('merge'),
  email_alerts: rule('merge', 'email_to'),
  reports: rule('merge', 'email_to'),
  global: rule('merge', 'white_list'),
  'open-scap': rule('merge', 'content'),
  'cis-cat': rule('merge', 'content'),
  syscollector: rule('merge'),
  rootcheck: rule(
    'merge',
    'rootkit_files',
    'rootkit_trojans',
    'windows_audit',
    'system_audit',
    'windows_apps',
    'windows_malware',
  ),
  ruleset: rule('merge', 'include', 'rule', 'rule_dir', 'decoder', 'decoder_dir', 'list', 'rule_exclude', 'decoder_exclude'),
  syscheck: rule('merge', 'directories', 'ignore', 'nodiff'),
  auth: rule('merge'),
  osquery: rule('merge', 'pack'),
  sca: rule('merge', 'policies'),

  cluster: rule('last', 'nodes'),
  'vulnerability-detection': rule('last'),
  indexer: rule('last', 'hosts'),
  anti_tampering: rule('last'),
});

export function isKnownSection(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SECTION_RULES, name);
}
