/** The security subsystem: users, roles, policies, rules, JWTs and the RBAC decisions (Casbin). */
export { createSecurity, SecurityService } from './security';
export type { SecurityLogger, SecurityOptions } from './security';
export { SecurityStore } from './store';
export type { UserRow, RoleRow, PolicyRow, RuleRow } from './store';
export { CompiledPermissions } from './enforcer';
export { mergePolicies, policyMapToJson } from './permissions';
export type { PolicyMap, Effect } from './permissions';
export type { SecurityConfig, RbacMode } from './config';
export { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';
export { MAX_RESERVED_ID } from './defaults';
