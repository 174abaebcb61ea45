CREATE TABLE metadata (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);

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

CREATE TABLE data_source (
	id VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	PRIMARY KEY (id, source), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE defense_bypassed (
	id VARCHAR NOT NULL, 
	defense VARCHAR NOT NULL, 
	PRIMARY KEY (id, defense), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE effective_permission (
	id VARCHAR NOT NULL, 
	permission VARCHAR NOT NULL, 
	PRIMARY KEY (id, permission), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE impact (
	id VARCHAR NOT NULL, 
	impact VARCHAR NOT NULL, 
	PRIMARY KEY (id, impact), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE permission (
	id VARCHAR NOT NULL, 
	permission VARCHAR NOT NULL, 
	PRIMARY KEY (id, permission), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE system_requirement (
	id VARCHAR NOT NULL, 
	requirement VARCHAR NOT NULL, 
	PRIMARY KEY (id, requirement), 
	FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
);

CREATE TABLE mitigate (
	id VARCHAR NOT NULL, 
	source_id VARCHAR NOT NULL, 
	target_id VARCHAR NOT NULL, 
	description VARCHAR, 
	created_time DATETIME, 
	modified_time DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(source_id) REFERENCES mitigation (id), 
	FOREIGN KEY(target_id) REFERENCES technique (id)
);

CREATE TABLE phase (
	tactic_id VARCHAR NOT NULL, 
	tech_id VARCHAR NOT NULL, 
	PRIMARY KEY (tactic_id, tech_id), 
	FOREIGN KEY(tactic_id) REFERENCES tactic (id) ON DELETE CASCADE, 
	FOREIGN KEY(tech_id) REFERENCES technique (id) ON DELETE CASCADE
);
