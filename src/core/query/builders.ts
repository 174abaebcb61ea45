/** Helpers for condition trees written by code (`CompileOptions.where`), so code never builds `q` text. */
import type { QueryCondition, QueryGroup, QueryNode, QueryOperator } from './types';

export function cond(field: string, operator: QueryOperator, value: string | number | null): QueryCondition {
  return { type: 'condition', field, operator, value };
}

export function and(...children: QueryNode[]): QueryGroup {
  return { type: 'and', children };
}

export function or(...children: QueryNode[]): QueryGroup {
  return { type: 'or', children };
}
