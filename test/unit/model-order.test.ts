// The order sql/ is applied in within a layer: a model comes after every model it names, by the
// file's name or by a macro the file creates. DuckDB checks a table macro's table functions when
// the macro is created, so a mart that only names reporting_rates (created by to_reporting.sql)
// fails to be created if it comes first.
import { describe, expect, it } from 'vitest';
import { orderByReferences, type Model } from '../../server/models.ts';

const mart = (name: string, sql: string): Model => ({ name, layer: 'marts', sql, materialize: 'statements' });

describe('the order of the models of a layer', () => {
  it('puts a file after the file that creates a macro it names, whatever their names', () => {
    const helpers = mart(
      'z_helpers',
      'create or replace macro helper_at(x) as x;\ncreate or replace macro helper_rates(k) as table select 1'
    );
    const report = mart('a_report', "create or replace macro a_report() as table from helper_rates('k') where helper_at(1) = 1");
    expect(orderByReferences([report, helpers]).map((m) => m.name)).toEqual(['z_helpers', 'a_report']);
  });

  it('still orders by the file name, and leaves unrelated files in their order', () => {
    const base = mart('m_base', 'create or replace macro m_base() as table select 1');
    const user = mart('b_user', 'create or replace macro b_user() as table from m_base()');
    const other = mart('c_other', 'create or replace macro c_other() as table select 2');
    expect(orderByReferences([user, other, base]).map((m) => m.name)).toEqual(['m_base', 'b_user', 'c_other']);
  });

  it('does not count a name in a comment', () => {
    const helpers = mart('z_helpers', 'create or replace macro helper_at(x) as x');
    const report = mart('a_report', '-- unlike helper_at, this needs nothing\ncreate or replace macro a_report() as table select 1');
    expect(orderByReferences([report, helpers]).map((m) => m.name)).toEqual(['a_report', 'z_helpers']);
  });

  it('refuses models that name each other', () => {
    const a = mart('a', 'create or replace macro a() as table from b()');
    const b = mart('b', 'create or replace macro b() as table from a()');
    expect(() => orderByReferences([a, b])).toThrow(/cycle/);
  });
});
