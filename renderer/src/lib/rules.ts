/**
 * Form rules built from the contract's own schemas, so a form accepts exactly
 * what the core will accept; only the messages come from the locale.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';
import { methods, PASSWORD_MIN } from '../../../electron/contract';
import type { MessageKey, Translate } from '../i18n';
import { usccProblem, type UsccProblem } from './uscc';

const setup = methods['setup.initialize'].input.shape;
const dept = setup.department.shape;
const admin = setup.admin.shape;

function schemaRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

export function loginRules(t: Translate): FormRule[] {
  return [{ required: true, message: t('field.login.required') }, schemaRule(admin.login, t('field.login.invalid'))];
}

export function personNameRules(t: Translate): FormRule[] {
  return [
    { required: true, whitespace: true, message: t('field.name.required') },
    schemaRule(admin.name, t('field.name.tooLong')),
  ];
}

/** A new password: the contract's length, and (given the login, or the form field holding it) not the login name. */
export function newPasswordRules(t: Translate, login?: string | { field: string }): FormRule[] {
  return [
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        const name = typeof login === 'string' ? login : login ? (getFieldValue(login.field) as unknown) : undefined;
        if (typeof value === 'string' && typeof name === 'string' && name.trim() !== '' && value.trim().toLowerCase() === name.trim().toLowerCase()) {
          throw new Error(t('field.password.sameAsLogin'));
        }
      },
    }),
    { required: true, message: t('field.password.required') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        if (!admin.password.safeParse(value).success) {
          throw new Error(t(value.length < PASSWORD_MIN ? 'field.password.tooShort' : 'field.password.tooLong'));
        }
      },
    },
  ];
}

/** "Confirm password": must equal the field named `other`. */
export function confirmRules(t: Translate, other: string): FormRule[] {
  return [
    { required: true, message: t('field.passwordConfirm.required') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (value && value !== getFieldValue(other)) throw new Error(t('field.passwordConfirm.mismatch'));
      },
    }),
  ];
}

const USCC_MESSAGES: Record<UsccProblem, MessageKey> = {
  length: 'dept.uscc.length',
  charset: 'dept.uscc.charset',
  check: 'dept.uscc.check',
  'org-check': 'dept.uscc.orgCheck',
};

export function departmentRules(t: Translate) {
  return {
    name: [
      { required: true, whitespace: true, message: t('dept.name.required') },
      schemaRule(dept.name, t('dept.name.invalid')),
    ] as FormRule[],
    uscc: [
      { required: true, whitespace: true, message: t('dept.uscc.required') },
      {
        validator: async (_rule, value: unknown) => {
          if (typeof value !== 'string' || value.trim() === '') return;
          const problem = usccProblem(value);
          if (problem) throw new Error(t(USCC_MESSAGES[problem]));
        },
      },
    ] as FormRule[],
    regionCode: [
      { required: true, message: t('dept.regionCode.invalid') },
      schemaRule(dept.regionCode, t('dept.regionCode.invalid')),
    ] as FormRule[],
    contactPerson: [schemaRule(dept.contactPerson, t('dept.tooLong'))] as FormRule[],
    contactPhone: [schemaRule(dept.contactPhone, t('dept.tooLong'))] as FormRule[],
  };
}
