/**
 * Wazuh's query language for every list endpoint (agents, groups, syscheck, rootcheck, tasks, mitre, logs,
 * security...), built once.
 *
 * Use:
 *   const AGENTS = defineQueryModel({ name: 'agents', from: 'agent', fields: {...}, defaultSort: {...} });
 *   const compiled = compileQuery(AGENTS, { q, select, sort, search, offset, limit, distinct, filters }, { restrict });
 *   total  = first value of  renderSqlLiteral(compiled.countSql, compiled.countParams)   (sent as `global sql ...`)
 *   rows   = reply of        renderSqlLiteral(compiled.rowsSql, compiled.rowsParams)
 *   items  = shapeRows(AGENTS, compiled, rows)
 *
 * User input only ever reaches SQL as bound values; identifiers and SQL come from the model. Bad input raises the
 * Wazuh codes: 1400 offset, 1401 limit, 1403 sort field, 1405 limit too high, 1406 limit 0, 1407 q syntax,
 * 1408 unknown q field, 1409 bad operator, 1410 distinct over several fields, 1411 time frame, 1412 date,
 * 1724 select field.
 */
export { defineQueryModel, type QueryModel } from './model';
export { compileQuery, parseSort, DEFAULT_LIMIT, MAXIMUM_LIMIT } from './compile';
export { parseQuery } from './q-parser';
export { cond, and, or } from './builders';
export { shapeRows, formatEpochOffset, formatEpochZ, type ApiItem } from './rows';
export { queryArray, type ArrayTable } from './array-query';
export { renderSqlLiteral, sqlLiteral } from './sql-literal';
export { timeframeSeconds, dateSeconds } from './conditions';
export type {
  CompileOptions,
  CompiledQuery,
  FieldDef,
  FieldFilterDef,
  FieldType,
  FilterValue,
  NamedFilterDef,
  OutputFormat,
  QueryCondition,
  QueryGroup,
  QueryNode,
  QueryOperator,
  QueryParams,
  ResourceQueryModel,
  Restriction,
  TemplateFilterDef,
} from './types';
