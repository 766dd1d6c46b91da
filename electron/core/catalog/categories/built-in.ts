/** The categories that ship, in the order every screen lists them (plain data, no checks compiled). */
import type { CategoryDefinition } from '../types';
import { LICENSE } from './license';
import { BLACKLIST, COMMITMENT, REDLIST } from './lists';
import { PENALTY } from './penalty';

export const BUILT_IN_CATEGORIES: readonly CategoryDefinition[] = [LICENSE, PENALTY, REDLIST, BLACKLIST, COMMITMENT];
