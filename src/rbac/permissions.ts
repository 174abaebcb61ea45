/**
 * From a token's roles to its effective permission map: `action -> (resource -> effect)`, ordered.
 *
 * Policies are folded in the order of the token's roles, and within a role in link order. Each (action, resource)
 * of a policy replaces what came before it for the same resource and is appended at the end, so the map reads as
 * "last writer wins". A wildcard resource also erases the earlier single entries it covers (same
 * `type:attribute` prefix) and — a Wazuh quirk kept for compatibility — every earlier `agent:group` entry, whatever
 * the wildcard's type. A combined resource (`a&b`) erases the earlier combinations of the same length it covers.
 *
 * The map is what `GET /security/users/me/policies` shows and what the Casbin enforcer is loaded with.
 */
import { WazuhError } from '../core/errors';
import type { PolicyBody } from './defaults';

export type Effect = 'allow' | 'deny';
export type PolicyMap = Map<string, Map<string, Effect>>;

const RESOURCE_PART = /^[a-zA-Z0-9_.*-]+:[a-zA-Z0-9_.*-]+:[a-zA-Z0-9_.*/-]+$/;

function eraseCovered(entries: Map<string, Effect>, parts: string[]): void {
  if (parts.length > 1) {
    for (const existing of [...entries.keys()]) {
      const existingParts = existing.split('&');
      if (existingParts.length !== parts.length) continue;
      // A part of the new resource covers the old one when its value is `*` or both are equal.
      const covered = parts.every((part, i) => part.split(':').pop() === '*' || part === existingParts[i]);
      if (covered) entries.delete(existing);
    }
    return;
  }
  const [resource] = parts;
  entries.delete(resource);
  const segments = resource.split(':');
  if (segments[segments.length - 1] !== '*') return;
  const prefix = segments.length > 1 ? segments.slice(0, -1).join(':') : '*:*:*';
  for (const existing of [...entries.keys()]) {
    if (existing.includes('&')) continue;
    if (existing.startsWith(prefix) || existing.startsWith('agent:group')) entries.delete(existing);
  }
}

/** Folds one policy into the map (mutates it). Invalid resources give 4500, as in Wazuh. */
export function foldPolicy(map: PolicyMap, policy: PolicyBody): void {
  for (const action of policy.actions) {
    let entries = map.get(action);
    if (!entries) map.set(action, (entries = new Map()));
    for (const resource of policy.resources) {
      const parts = resource === '*' ? ['*:*:*'] : resource.split('&');
      if (parts.length > 2) {
        throw new WazuhError(4500, { extraRemediation: 'The maximum length for permission combinations is two' });
      }
      if (!parts.every((part) => RESOURCE_PART.test(part))) throw new WazuhError(4500);
      eraseCovered(entries, parts);
      entries.set(parts.join('&'), policy.effect);
    }
  }
}

export function mergePolicies(policies: Iterable<PolicyBody>): PolicyMap {
  const map: PolicyMap = new Map();
  for (const policy of policies) foldPolicy(map, policy);
  return map;
}

/** The JSON shape of the map (`{action: {resource: effect}}`), keys in precedence order. */
export function policyMapToJson(map: PolicyMap): Record<string, Record<string, Effect>> {
  const out: Record<string, Record<string, Effect>> = {};
  for (const [action, entries] of map) out[action] = Object.fromEntries(entries);
  return out;
}
