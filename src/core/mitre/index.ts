/** The MITRE ATT&CK database: its schema, the importer from a STIX bundle, and the `/mitre/*` resource models. */
export { MITRE_DB_VERSION, MITRE_SCHEMA_SQL, MITRE_TABLES } from './schema';
export type { MitreTable } from './schema';
export { bundleToRows, MitreBundleError, mitreTypeOf, stixTimeToDb } from './stix';
export type { MitreRows, Row } from './stix';
export { importMitreBundle, writeMitreDatabase } from './import';
export type { MitreImportSummary } from './import';
export {
  buildMitreItems,
  formatMitreDate,
  MITRE_EXTRA_FIELDS,
  MITRE_MODELS,
  MITRE_REFERENCE_FIELDS,
  mitreAllowedFields,
  mitreItemsSql,
  mitreReferencesSql,
  mitreRelationSql,
} from './resources';
export type { MitreRelatedRows, MitreRelation, MitreResource, MitreResourceModel, MitreRow } from './resources';
