/**
 * An indicator plan compiled to SQL through kysely, and run in the database: the rows come back
 * aggregated (one per group), never one per instance or event.
 *
 * Bounded dimensions (territory, month, operator, enum and boolean fields) share one query grouped by all
 * of them, whose groups are then added up per breakdown; a dimension with many values (a number, a text)
 * gets its own query, so that no query returns near one row per instance.
 */
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from '../store/index.ts';
import { assertNever } from '../errors.ts';
import type { IndicatorField } from './indicator-fields.ts';
import { ageBandExpression } from './age-bands.ts';
import { isBounded, type Dimension, type IndicatorPlan } from './indicator-plan.ts';
import { toKey, toNumber, type ReportDialect } from './sql-dialect.ts';

/** Which instances a viewer may count: an operator its own, a coordinator its territories. */
export interface ReportScope {
  operatorId?: string;
  territories?: readonly string[];
}

/** One aggregated group: its keys (one per dimension of the query) and its sums. */
export interface GroupRow {
  keys: Array<string | null>;
  /** Rows in the group. */
  n: number;
  /** Sum of the value field (sum, average); null when no row has one. */
  sum: number | null;
  /** Rows with a value (average; for a ratio, rows with both fields). */
  valued: number;
  /** Sum of a ratio's denominator over the rows with both fields; null otherwise. */
  per: number | null;
}

/** The result of one query: the dimensions it grouped by (indexes into the plan's) and its groups. */
export interface GroupSet {
  dimensions: number[];
  rows: GroupRow[];
}

/** One query of an indicator: the dimensions it groups by and its SQL. */
export interface IndicatorQuery {
  dimensions: number[];
  /** The compiled SQL and its parameters (for tests, logs and the benchmark). */
  compiled: { sql: string; parameters: readonly unknown[] };
  run(): Promise<GroupSet>;
}

/**
 * Compiles a plan into its queries: the first one groups by every bounded dimension (and gives the total),
 * each other one by an unbounded dimension; a distribution's field is in all of them.
 * @example
 * const queries = compileIndicator(store.db, reportDialect(store.dialect), 'equipes-mobiles-2025', plan);
 * const sets = await Promise.all(queries.map((q) => q.run()));
 */
export function compileIndicator(db: Kysely<Database>, dialect: ReportDialect, callId: string, plan: IndicatorPlan, scope: ReportScope = {}): IndicatorQuery[] {
  const distribution = plan.indicator.kind === 'distribution' ? plan.dimensions.length - 1 : undefined;
  const grouped = plan.dimensions.map((_, index) => index).filter((index) => index !== distribution);
  const bounded = grouped.filter((index) => isBounded(plan.dimensions[index]!));
  const unbounded = grouped.filter((index) => !isBounded(plan.dimensions[index]!));
  const withDistribution = (dimensions: number[]) => (distribution === undefined ? dimensions : [...dimensions, distribution]);
  const sets = [withDistribution(bounded), ...unbounded.map((index) => withDistribution([index]))];
  return sets.map((dimensions) => buildQuery(db, dialect, callId, plan, scope, dimensions));
}

// The query is built from parts chosen at run time; its rows are read by alias below.
type AnySelect = SelectQueryBuilder<any, any, any>;

function buildQuery(db: Kysely<Database>, dialect: ReportDialect, callId: string, plan: IndicatorPlan, scope: ReportScope, dimensions: number[]): IndicatorQuery {
  const fromEvents = plan.indicator.of === 'events';
  const joined = !fromEvents || needsInstances(plan, scope);
  const instance = (column: string) => sql.ref(`i.${column}`);
  const column = (field: IndicatorField): Expression<unknown> => (field.location === 'payload' ? sql.ref('e.payload') : sql.ref('i.data'));
  const fieldType = (dimension: Dimension) => (dimension.kind === 'field' && dimension.field.type === 'boolean' ? 'boolean' : undefined);

  const keyExpression = (dimension: Dimension): Expression<unknown> => {
    switch (dimension.kind) {
      case 'territory':
        return instance('territory');
      case 'operator':
        return instance('operator_id');
      case 'month':
        return dialect.parisMonth(fromEvents ? sql.ref('e.at') : instance('created_at'));
      case 'field':
        return dialect.jsonText(column(dimension.field), [dimension.field.id]);
      case 'age':
        // The age at referral: the day the instance (the measure) was created, in Paris.
        return ageBandExpression(dialect, dialect.jsonText(column(dimension.field), [dimension.field.id]), instance('created_at'), dimension.bands);
      default:
        return assertNever(dimension);
    }
  };

  const conditions: Array<Expression<SqlBool>> = [];
  if (fromEvents) {
    conditions.push(sql<SqlBool>`${sql.ref('e.call_id')} = ${callId}`);
    // Without an event (missed contacts), every event of the measure kind that revealed a missed period counts.
    if (plan.indicator.event !== undefined) conditions.push(sql<SqlBool>`${sql.ref('e.type')} = ${plan.indicator.event}`);
    // Implied by the event's call, said again so that the instances are read through their report index.
    if (joined) conditions.push(sql<SqlBool>`${instance('call_id')} = ${callId}`);
  } else {
    conditions.push(sql<SqlBool>`${instance('call_id')} = ${callId}`);
  }
  if (plan.instanceKind !== undefined) conditions.push(sql<SqlBool>`${instance('kind')} = ${plan.instanceKind}`);
  if (plan.indicator.measure !== undefined) conditions.push(sql<SqlBool>`${instance('measure_kind')} = ${plan.indicator.measure}`);
  const states = plan.indicator.states ?? [];
  if (states.length > 0) conditions.push(sql<SqlBool>`${instance('state')} in (${sql.join(states)})`);
  for (const filter of plan.filters) conditions.push(dialect.jsonEquals(column(filter.field), [filter.field.id], filter.value));
  // A late declaration (reportWithin) is recorded in the step's answer kept with the event.
  const late = plan.indicator.late;
  if (late !== undefined) conditions.push(sql<SqlBool>`${dialect.jsonText(sql.ref('e.response'), ['late', 'due'])} is ${late ? sql`not null` : sql`null`}`);
  // Missed rhythm periods are recorded in the answer of the event that revealed them (or of the engine's
  // `@suivi-manque` record, for a measure silent since).
  const missed = plan.indicator.missedContacts;
  if (missed !== undefined) conditions.push(sql<SqlBool>`${dialect.jsonText(sql.ref('e.response'), ['missedContacts', 'periods'])} is ${missed ? sql`not null` : sql`null`}`);
  if (scope.operatorId !== undefined) conditions.push(sql<SqlBool>`${instance('operator_id')} = ${scope.operatorId}`);
  if (scope.territories !== undefined) {
    conditions.push(scope.territories.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${instance('territory')} in (${sql.join([...scope.territories])})`);
  }

  const read = (field: IndicatorField) => dialect.jsonNumber(column(field), [field.id]);
  // A ratio pairs each numerator with its denominator: only rows with both count, on both sides.
  const both = plan.value && plan.per ? sql<SqlBool>`${read(plan.value)} is not null and ${read(plan.per)} is not null` : undefined;
  const value = plan.value ? (both ? sql<number | null>`case when ${both} then ${read(plan.value)} end` : read(plan.value)) : undefined;
  const per = plan.per && both ? sql<number | null>`case when ${both} then ${read(plan.per)} end` : undefined;
  // Missed follow-up counts periods, not the events that revealed them (one event may reveal several).
  const rowCount = missed === true
    ? sql<number>`coalesce(sum(${dialect.jsonNumber(sql.ref('e.response'), ['missedContacts', 'periods'])}), 0)`
    : sql<number>`count(*)`;
  const from = (
    fromEvents
      ? joined
        ? db.selectFrom('events as e').innerJoin('instances as i', 'i.id', 'e.instance_id')
        : db.selectFrom('events as e')
      : db.selectFrom('instances as i')
  ) as unknown as AnySelect;
  let select = from.select([
    ...dimensions.map((index, position) => sql`${keyExpression(plan.dimensions[index]!)}`.as(`d${position}`)),
    rowCount.as('n'),
    ...(value ? [sql<number | null>`sum(${value})`.as('s'), sql<number>`count(${value})`.as('c')] : []),
    ...(per ? [sql<number | null>`sum(${per})`.as('p')] : []),
  ]);
  for (const condition of conditions) select = select.where(condition);
  if (dimensions.length > 0) select = select.groupBy(dimensions.map((_, position) => sql.ref(`d${position}`)));

  const compiled = select.compile();
  const types = dimensions.map((index) => fieldType(plan.dimensions[index]!));
  return {
    dimensions,
    compiled: { sql: compiled.sql, parameters: compiled.parameters },
    async run() {
      const rows = (await select.execute()) as Array<Record<string, unknown>>;
      return {
        dimensions,
        rows: rows.map((row) => ({
          keys: dimensions.map((_, position) => toKey(row[`d${position}`], types[position])),
          n: toNumber(row['n']) ?? 0,
          sum: value ? toNumber(row['s']) : null,
          valued: value ? (toNumber(row['c']) ?? 0) : 0,
          per: per ? toNumber(row['p']) : null,
        })),
      };
    },
  };
}

/** `of: events` joins the instances only when a filter, a grouping, a field or the scope reads them. */
function needsInstances(plan: IndicatorPlan, scope: ReportScope): boolean {
  if (plan.instanceKind !== undefined || plan.indicator.measure !== undefined || (plan.indicator.states ?? []).length > 0) return true;
  if (scope.operatorId !== undefined || scope.territories !== undefined) return true;
  if (plan.fields.some((field) => field.location === 'data')) return true;
  return plan.dimensions.some((dimension) => dimension.kind === 'territory' || dimension.kind === 'operator' || dimension.kind === 'age');
}
