/**
 * From a MITRE ATT&CK STIX bundle to the rows of `mitre.db`, with the mapping Wazuh's `mitredb` tool uses:
 * attack-pattern → technique, x-mitre-tactic → tactic, intrusion-set → group, malware/tool → software,
 * course-of-action → mitigation; `mitigates` and `uses` relationships become rows, `revoked-by` and
 * `subtechnique-of` fill columns; kill-chain phases link techniques to tactics by short name; aliases,
 * contributors, platforms and external references (those with a URL) go to their side tables.
 * Other object kinds (matrices, collections, identities, data sources...) are not stored.
 */
import { MITRE_DB_VERSION, MitreTable } from './schema';

export type Row = Record<string, string | number | null>;
export type MitreRows = Record<MitreTable, Row[]>;

type StixObject = Record<string, unknown> & { id?: unknown; type?: unknown; name?: unknown };

export class MitreBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MitreBundleError';
  }
}

/** The kind of ATT&CK object an id names, from its STIX prefix ('' when it is none of the five). */
export function mitreTypeOf(id: string): string {
  if (id.startsWith('malware') || id.startsWith('tool')) return 'software';
  if (id.startsWith('intrusion-set')) return 'group';
  if (id.startsWith('x-mitre-tactic')) return 'tactic';
  if (id.startsWith('course-of-action')) return 'mitigation';
  if (id.startsWith('attack-pattern')) return 'technique';
  return '';
}

const STIX_TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/;

/** STIX `2018-10-17T00:14:20.652Z` → `2018-10-17 00:14:20.652000`, the way the database stores times. */
export function stixTimeToDb(value: unknown): string {
  const match = typeof value === 'string' ? STIX_TIME.exec(value) : null;
  if (!match) throw new MitreBundleError(`invalid STIX timestamp: ${JSON.stringify(value)}`);
  return `${match[1]} ${match[2]}.${(match[3] ?? '').slice(0, 6).padEnd(6, '0')}`;
}

const flag = (value: unknown) => (value ? 1 : 0);
const text = (value: unknown) => (value === undefined || value === null ? null : String(value));
const has = (object: StixObject, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function emptyRows(): MitreRows {
  return {
    metadata: [], technique: [], group: [], software: [], mitigation: [], alias: [], contributor: [], platform: [],
    reference: [], use: [], tactic: [], data_source: [], defense_bypassed: [], effective_permission: [], impact: [],
    permission: [], system_requirement: [], mitigate: [], phase: [],
  };
}

function identity(object: StixObject): { id: string; name: string } {
  if (typeof object.id !== 'string' || !object.id) throw new MitreBundleError(`${String(object.type)} object without an id`);
  if (object.name === undefined || object.name === null) throw new MitreBundleError(`${object.id} has no name`);
  return { id: object.id, name: String(object.name) };
}

class RowBuilder {
  readonly rows = emptyRows();
  private readonly phases: [string, string][] = [];
  private readonly revocations: [string, string][] = [];
  private readonly parents: [string, string][] = [];

  /** Aliases, contributors, platforms and references of any stored object. */
  private sideTables(id: string, object: StixObject): void {
    const type = mitreTypeOf(id);
    for (const alias of [...strings(object.aliases), ...strings(object.x_mitre_aliases)]) {
      this.rows.alias.push({ id, alias, type });
    }
    for (const contributor of strings(object.x_mitre_contributors)) this.rows.contributor.push({ id, contributor, type });
    for (const platform of strings(object.x_mitre_platforms)) this.rows.platform.push({ id, platform, type });
    const references = Array.isArray(object.external_references) ? (object.external_references as StixObject[]) : [];
    for (const reference of references) {
      if (!reference || !reference.url || !reference.source_name) continue;
      this.rows.reference.push({
        id,
        source: String(reference.source_name),
        external_id: reference.external_id ? String(reference.external_id) : null,
        url: String(reference.url),
        description: reference.description ? String(reference.description) : null,
        type,
      });
    }
  }

  /** Tactics, groups, software and mitigations: optional fields are copied whenever the key is present. */
  private plain(table: 'tactic' | 'group' | 'software' | 'mitigation', object: StixObject): void {
    const { id, name } = identity(object);
    const row: Row = {
      id,
      name,
      description: has(object, 'description') ? text(object.description) : null,
      created_time: has(object, 'created') ? stixTimeToDb(object.created) : null,
      modified_time: has(object, 'modified') ? stixTimeToDb(object.modified) : null,
    };
    if (table === 'tactic') {
      row.short_name = has(object, 'x_mitre_shortname') ? text(object.x_mitre_shortname) : null;
    } else {
      row.mitre_version = has(object, 'x_mitre_version') ? text(object.x_mitre_version) : null;
      row.revoked_by = null;
      row.deprecated = flag(object.x_mitre_deprecated);
    }
    this.rows[table].push(row);
    this.sideTables(id, object);
  }

  /** Techniques: optional fields are copied only when they hold a value. */
  private technique(object: StixObject): void {
    const { id, name } = identity(object);
    this.rows.technique.push({
      id,
      name,
      description: object.description ? String(object.description) : null,
      created_time: object.created ? stixTimeToDb(object.created) : null,
      modified_time: object.modified ? stixTimeToDb(object.modified) : null,
      mitre_version: object.x_mitre_version ? String(object.x_mitre_version) : null,
      mitre_detection: object.x_mitre_detection ? String(object.x_mitre_detection) : null,
      network_requirements: flag(object.x_mitre_network_requirements),
      remote_support: flag(object.x_mitre_remote_support),
      revoked_by: null,
      deprecated: flag(object.x_mitre_deprecated),
      subtechnique_of: null,
    });
    const details: [keyof MitreRows, string, string][] = [
      ['data_source', 'source', 'x_mitre_data_sources'],
      ['defense_bypassed', 'defense', 'x_mitre_defense_bypassed'],
      ['effective_permission', 'permission', 'x_mitre_effective_permissions'],
      ['impact', 'impact', 'x_mitre_impact_type'],
      ['permission', 'permission', 'x_mitre_permissions_required'],
      ['system_requirement', 'requirement', 'x_mitre_system_requirements'],
    ];
    for (const [table, column, key] of details) {
      for (const value of new Set(strings(object[key]))) this.rows[table].push({ id, [column]: value });
    }
    const phases = Array.isArray(object.kill_chain_phases) ? (object.kill_chain_phases as StixObject[]) : [];
    for (const phase of phases) if (phase && phase.phase_name) this.phases.push([id, String(phase.phase_name)]);
    this.sideTables(id, object);
  }

  private relationship(object: StixObject): void {
    const source = text(object.source_ref);
    const target = text(object.target_ref);
    if (!source || !target) return;
    switch (object.relationship_type) {
      case 'revoked-by':
        this.revocations.push([source, target]);
        return;
      case 'subtechnique-of':
        this.parents.push([source, target]);
        return;
      case 'mitigates':
      case 'uses': {
        const { id } = identity({ ...object, name: '' });
        const row: Row = {
          id,
          source_id: source,
          target_id: target,
          description: object.description ? String(object.description) : null,
          created_time: object.created ? stixTimeToDb(object.created) : null,
          modified_time: object.modified ? stixTimeToDb(object.modified) : null,
        };
        if (object.relationship_type === 'uses') {
          this.rows.use.push({ ...row, source_type: mitreTypeOf(source), target_type: mitreTypeOf(target) });
        } else {
          this.rows.mitigate.push(row);
        }
        return;
      }
      default:
    }
  }

  add(object: StixObject): void {
    switch (object.type) {
      case 'intrusion-set': return this.plain('group', object);
      case 'course-of-action': return this.plain('mitigation', object);
      case 'malware':
      case 'tool': return this.plain('software', object);
      case 'x-mitre-tactic': return this.plain('tactic', object);
      case 'attack-pattern': return this.technique(object);
      case 'relationship': return this.relationship(object);
      default:
    }
  }

  /** Links that need every object in place: phases by tactic short name, revocations, parent techniques. */
  finish(): MitreRows {
    const tacticByShortName = new Map<string, string>();
    for (const tactic of this.rows.tactic) {
      const shortName = tactic.short_name as string | null;
      if (shortName !== null && !tacticByShortName.has(shortName)) tacticByShortName.set(shortName, tactic.id as string);
    }
    for (const [techId, phaseName] of this.phases) {
      const tacticId = tacticByShortName.get(phaseName);
      if (tacticId) this.rows.phase.push({ tactic_id: tacticId, tech_id: techId });
    }
    // Tactics have no revoked_by column, so only these four kinds can be revoked.
    const byId = new Map<string, Row>();
    for (const table of ['group', 'mitigation', 'software', 'technique'] as const) {
      for (const row of this.rows[table]) byId.set(row.id as string, row);
    }
    for (const [source, target] of this.revocations) {
      const row = byId.get(source);
      if (row) row.revoked_by = target;
    }
    for (const [source, target] of this.parents) {
      const row = byId.get(source);
      if (row && mitreTypeOf(source) === 'technique') row.subtechnique_of = target;
    }
    return this.rows;
  }
}

/**
 * The rows of every table for a parsed bundle. `mitre_version` in `metadata` is the bundle's `spec_version`
 * (what Wazuh stores); STIX 2.1 bundles have none at the top, so the objects' own `spec_version` is used then.
 */
export function bundleToRows(bundle: unknown): MitreRows {
  if (!bundle || typeof bundle !== 'object' || !Array.isArray((bundle as StixObject).objects)) {
    throw new MitreBundleError('not a STIX bundle: no "objects" list');
  }
  const objects = (bundle as { objects: unknown[] }).objects;
  const builder = new RowBuilder();
  for (const object of objects) {
    if (!object || typeof object !== 'object') throw new MitreBundleError('a bundle entry is not an object');
    builder.add(object as StixObject);
  }
  const rows = builder.finish();
  const specVersion = (bundle as StixObject).spec_version ??
    (objects.find((object) => (object as StixObject).spec_version) as StixObject | undefined)?.spec_version;
  if (specVersion === undefined) throw new MitreBundleError('the bundle has no spec_version');
  rows.metadata.push({ key: 'db_version', value: MITRE_DB_VERSION }, { key: 'mitre_version', value: String(specVersion) });
  return rows;
}
