import { api } from '$lib/api.ts';
import { usersApi } from '$lib/users.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => ({ users: usersApi(fetch).list(), ledger: api(fetch).ledger() });
