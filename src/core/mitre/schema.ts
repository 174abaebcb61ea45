/**
 * DDL of `var/db/mitre.db`, the MITRE ATT&CK database that wazuh-db serves to `mitre sql` queries. Tables and
 * columns (names, types, keys) are those of the database a Wazuh 4.14 manager ships, so either file can be used.
 *
 * Ids are STIX ids (`attack-pattern--…`); times are `YYYY-MM-DD HH:MM:SS.ffffff` (UTC); booleans are 0/1.
 */
export const MITRE_SCHEMA_SQL = `
-- Key/value facts about the import: db_version, mitre_version (the STIX spec version of the bundle).
CREATE TABLE metadata (
  "key" VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  PRIMARY KEY ("key")
);

-- The four main ATT&CK object kinds besides tactics.
CREATE TABLE technique (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  mitre_version VARCHAR,
  mitre_detection VARCHAR,
  network_requirements BOOLEAN,
  remote_support BOOLEAN,
  revoked_by VARCHAR,
  deprecated BOOLEAN,
  subtechnique_of VARCHAR,
  PRIMARY KEY (id)
);

CREATE TABLE "group" (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  mitre_version VARCHAR,
  revoked_by VARCHAR,
  deprecated BOOLEAN,
  PRIMARY KEY (id)
);

CREATE TABLE software (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  mitre_version VARCHAR,
  revoked_by VARCHAR,
  deprecated BOOLEAN,
  PRIMARY KEY (id)
);

CREATE TABLE mitigation (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  mitre_version VARCHAR,
  revoked_by VARCHAR,
  deprecated BOOLEAN,
  PRIMARY KEY (id)
);

-- Lists attached to any object; "type" names the owner's kind (technique, group, software, mitigation, tactic).
CREATE TABLE alias (
  id VARCHAR NOT NULL,
  alias VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  PRIMARY KEY (id, alias)
);

CREATE TABLE contributor (
  id VARCHAR NOT NULL,
  contributor VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  PRIMARY KEY (id, contributor)
);

CREATE TABLE platform (
  id VARCHAR NOT NULL,
  platform VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  PRIMARY KEY (id, platform)
);

CREATE TABLE reference (
  id VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  external_id VARCHAR,
  url VARCHAR NOT NULL,
  description VARCHAR,
  type VARCHAR NOT NULL,
  PRIMARY KEY (id, source, url)
);

-- "uses" relationships between groups, software and techniques.
CREATE TABLE use (
  id VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  source_type VARCHAR NOT NULL,
  target_id VARCHAR NOT NULL,
  target_type VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  PRIMARY KEY (id)
);

CREATE TABLE tactic (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  short_name VARCHAR,
  PRIMARY KEY (id)
);

-- Technique details, one row per value.
CREATE TABLE data_source (
  id VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  PRIMARY KEY (id, source),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE defense_bypassed (
  id VARCHAR NOT NULL,
  defense VARCHAR NOT NULL,
  PRIMARY KEY (id, defense),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE effective_permission (
  id VARCHAR NOT NULL,
  permission VARCHAR NOT NULL,
  PRIMARY KEY (id, permission),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE impact (
  id VARCHAR NOT NULL,
  impact VARCHAR NOT NULL,
  PRIMARY KEY (id, impact),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE permission (
  id VARCHAR NOT NULL,
  permission VARCHAR NOT NULL,
  PRIMARY KEY (id, permission),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE system_requirement (
  id VARCHAR NOT NULL,
  requirement VARCHAR NOT NULL,
  PRIMARY KEY (id, requirement),
  FOREIGN KEY (id) REFERENCES technique (id) ON DELETE CASCADE
);

-- "mitigates" relationships: a mitigation (source) against a technique (target).
CREATE TABLE mitigate (
  id VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  target_id VARCHAR NOT NULL,
  description VARCHAR,
  created_time DATETIME,
  modified_time DATETIME,
  PRIMARY KEY (id),
  FOREIGN KEY (source_id) REFERENCES mitigation (id),
  FOREIGN KEY (target_id) REFERENCES technique (id)
);

-- Which tactics a technique belongs to (its kill-chain phases).
CREATE TABLE phase (
  tactic_id VARCHAR NOT NULL,
  tech_id VARCHAR NOT NULL,
  PRIMARY KEY (tactic_id, tech_id),
  FOREIGN KEY (tactic_id) REFERENCES tactic (id) ON DELETE CASCADE,
  FOREIGN KEY (tech_id) REFERENCES technique (id) ON DELETE CASCADE
);
`;

/** Every table of the schema, in creation order. */
export const MITRE_TABLES = [
  'metadata', 'technique', 'group', 'software', 'mitigation', 'alias', 'contributor', 'platform', 'reference', 'use',
  'tactic', 'data_source', 'defense_bypassed', 'effective_permission', 'impact', 'permission', 'system_requirement',
  'mitigate', 'phase',
] as const;

export type MitreTable = (typeof MITRE_TABLES)[number];

/** `metadata.db_version` written by the importer. */
export const MITRE_DB_VERSION = '1';
