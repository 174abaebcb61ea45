/**
 * Table definitions of `api/configuration/security/rbac.db`. They declare the same tables, columns, constraint
 * names and foreign keys as the database a Wazuh 4.14 manager creates, so a file made by either side opens in the
 * other unchanged. `RBAC_DB_VERSION` is the `PRAGMA user_version` that layout carries.
 */
export const RBAC_DB_VERSION = 1;

export const RBAC_TABLES: readonly string[] = [
  `CREATE TABLE runas_token_blacklist (
    nbf_invalid_until INTEGER NOT NULL,
    is_valid_until INTEGER NOT NULL,
    PRIMARY KEY (nbf_invalid_until),
    CONSTRAINT nbf_invalid_until_invalidation_rule UNIQUE (nbf_invalid_until)
  )`,
  `CREATE TABLE users_token_blacklist (
    user_id INTEGER NOT NULL,
    nbf_invalid_until INTEGER NOT NULL,
    is_valid_until INTEGER NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT user_invalidation_rule UNIQUE (user_id)
  )`,
  `CREATE TABLE roles_token_blacklist (
    role_id INTEGER NOT NULL,
    nbf_invalid_until INTEGER NOT NULL,
    is_valid_until INTEGER NOT NULL,
    PRIMARY KEY (role_id),
    CONSTRAINT role_invalidation_rule UNIQUE (role_id)
  )`,
  `CREATE TABLE users (
    id INTEGER NOT NULL,
    username VARCHAR(32) NOT NULL,
    password VARCHAR(256) NOT NULL,
    allow_run_as BOOLEAN NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT username_restriction UNIQUE (username)
  )`,
  `CREATE TABLE roles (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT name_role UNIQUE (name),
    CHECK (length(name) <= 64)
  )`,
  `CREATE TABLE rules (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    rule TEXT NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT rule_name UNIQUE (name),
    CONSTRAINT rule_definition UNIQUE (rule)
  )`,
  `CREATE TABLE policies (
    id INTEGER NOT NULL,
    name VARCHAR(20) NOT NULL,
    policy TEXT NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT name_policy UNIQUE (name),
    CONSTRAINT policy_definition UNIQUE (policy)
  )`,
  `CREATE TABLE roles_rules (
    id INTEGER NOT NULL,
    role_id INTEGER,
    rule_id INTEGER,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT role_rule UNIQUE (role_id, rule_id),
    FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE,
    FOREIGN KEY(rule_id) REFERENCES rules (id) ON DELETE CASCADE
  )`,
  `CREATE TABLE roles_policies (
    id INTEGER NOT NULL,
    role_id INTEGER,
    policy_id INTEGER,
    level INTEGER,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT role_policy UNIQUE (role_id, policy_id),
    FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE,
    FOREIGN KEY(policy_id) REFERENCES policies (id) ON DELETE CASCADE
  )`,
  `CREATE TABLE user_roles (
    id INTEGER NOT NULL,
    user_id INTEGER,
    role_id INTEGER,
    level INTEGER,
    created_at DATETIME,
    PRIMARY KEY (id),
    CONSTRAINT user_role UNIQUE (user_id, role_id),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE,
    FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE
  )`,
];
