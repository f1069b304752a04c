// Test support: wx.request shimmed onto fetch, an in-memory wx storage, and the control API of
// tests/Learn.ContractHost (fake WeChat codes, roster, contests, live host) started by scripts/contract-tests.sh.
import { randomUUID } from 'node:crypto';
import { LearnClient, WxLike } from '../src/client';
import { fetchWx } from '../demo/wx-fetch';

export const apiUrl = process.env.LEARN_API_URL ?? 'http://127.0.0.1:5080';
const controlUrl = process.env.LEARN_CONTROL_URL ?? 'http://127.0.0.1:5099';

/** A fake `wx` per simulated phone: its own storage, requests through fetch like wx.request would send them. */
export function fakeWx(): WxLike & { storage: Map<string, unknown>; requests: string[] } {
  const storage = new Map<string, unknown>();
  const requests: string[] = [];
  const wx = fetchWx(storage);
  return {
    ...wx, storage, requests,
    request(o) {
      requests.push(`${o.method} ${o.url.replace(apiUrl, '')}`);
      wx.request(o);
    },
  };
}

export async function control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(controlUrl + path, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface World { rootId: number; branchAId: number; branchBId: number; questions: number; articleId: number }
let world: Promise<World> | undefined;
/** The tree, question bank and today's article (seeded once per run). */
export const seeded = () => (world ??= control<World>('POST', '/control/seed'));

/** A wx.login code the fake WeChat accepts once for the given openid. */
export async function loginCode(openId = `o${randomUUID().replace(/-/g, '').slice(0, 20)}`): Promise<string> {
  const code = `code-${randomUUID().slice(0, 12)}`;
  await control('POST', '/control/login-codes', { code, openId });
  return code;
}

export interface Member { id: number; name: string; invitationCode: string }
export const addMember = (organizationId: number, name: string, mobile?: string) =>
  control<Member>('POST', '/control/members', { organizationId, name, mobile });

/** A phone that has logged in and bound to a fresh roster member of branch A (or the given unit). */
export async function boundMember(name: string, organizationId?: number) {
  const w = await seeded();
  const member = await addMember(organizationId ?? w.branchAId, name);
  const wx = fakeWx();
  const api = new LearnClient({ baseUrl: apiUrl, wx });
  await api.login(await loginCode());
  await api.bind({ invitationCode: member.invitationCode, name: null, phoneCode: null });
  return { api, wx, member };
}

export const answerKey = (questionVersionId: number) =>
  control<{ answerKey: string }>('GET', `/control/questions/${questionVersionId}/key`).then((k) => k.answerKey.split('|')[0]);

export const wrongAnswer = (key: string) => (key === 'A' ? 'B' : 'A');

export async function contest(mode: 'timed' | 'challenge' | 'live', title: string, extra: Record<string, unknown> = {}) {
  const w = await seeded();
  return control<{ id: number }>('POST', '/control/contests', { mode, title, organizationId: w.rootId, ...extra });
}
