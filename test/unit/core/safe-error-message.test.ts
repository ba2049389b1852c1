// Error texts that reach logs and the inbox's last_error keep no bound values (names, phones, ids).
import { expect, it } from 'vitest';
import { errorFields, safeErrorMessage } from '../../../src/core/logger';

it('drops the parameters of a failed query and keeps the driver\'s reason', () => {
  const cause = Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: members.phone'), { name: 'LibsqlError' });
  const err = new Error('Failed query: insert into "members" ("full_name", "phone") values (?, ?)\nparams: Nguyễn Văn A,0901234567', { cause });
  expect(safeErrorMessage(err)).toBe('LibsqlError: SQLITE_CONSTRAINT: UNIQUE constraint failed: members.phone');
  expect(JSON.stringify(errorFields(err))).not.toMatch(/0901234567|Nguyễn/);
});

it('cuts any other message at "params:" and leaves plain messages alone', () => {
  expect(safeErrorMessage(new Error('boom params: ["0901234567"]'))).toBe('boom');
  expect(safeErrorMessage(new Error('the handler broke'))).toBe('the handler broke');
});
