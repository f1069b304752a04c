// 登录与绑定：wx.login → 令牌 → 绑定党员身份（邀请码 / 手机号）→ 401 时刷新一次并重试 → 退出。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnClient, LearnProblem } from '../src/client';
import { addMember, apiUrl, control, fakeWx, loginCode, seeded } from './support';

test('a new phone logs in unbound, sees how to bind, and binds with a personal invitation code', async () => {
  const w = await seeded();
  const member = await addMember(w.branchAId, '赵契约');
  const wx = fakeWx();
  const api = new LearnClient({ baseUrl: apiUrl, wx });

  const tokens = await api.login(await loginCode());
  assert.equal(tokens.bound, false);
  assert.ok(tokens.accessToken && tokens.refreshToken && tokens.expiresIn > 0);
  const me = await api.me();
  assert.equal(me.bound, false);
  assert.deepEqual(me.binding?.routes, ['invitationCode', 'phone']);

  // Member-only endpoints refuse an unbound identity with a problem the client surfaces as LearnProblem.
  await assert.rejects(api.contests(), (e: LearnProblem) => e instanceof LearnProblem && e.status === 403 && e.type === 'urn:learn:problem:forbidden');

  const bound = await api.bind({ invitationCode: member.invitationCode, name: null, phoneCode: null });
  assert.equal(bound.memberId, member.id);
  assert.equal(api.isBound, true);
  const card = await api.me();
  assert.equal(card.bound, true);
  assert.equal(card.member?.name, '赵契约');
  assert.equal(card.member?.organizationName, '第一党支部');
});

test('binding by the phone-number button and a name matches the roster; a wrong code is a typed problem', async () => {
  const w = await seeded();
  const mobile = `139${String(Date.now()).slice(-8)}`;
  await addMember(w.branchBId, '钱手机', mobile);
  const api = new LearnClient({ baseUrl: apiUrl, wx: fakeWx() });
  await api.login(await loginCode());

  await assert.rejects(api.bind({ invitationCode: 'NOPE0000', name: '钱手机', phoneCode: null }),
    (e: LearnProblem) => e.status === 400 && e.type === 'urn:learn:problem:invitation-invalid' && /邀请码/.test(e.title));

  const phoneCode = `phone-${Date.now()}`;
  await control('POST', '/control/phone-codes', { code: phoneCode, phone: mobile });
  const bound = await api.bind({ invitationCode: null, name: '钱手机', phoneCode });
  assert.equal(bound.name, '钱手机');
  assert.equal((await api.me()).member?.organizationName, '第二党支部');
});

test('an expired access token is refreshed once with the rotating refresh token and the call retried', async () => {
  const w = await seeded();
  const member = await addMember(w.branchAId, '孙刷新');
  const wx = fakeWx();
  const api = new LearnClient({ baseUrl: apiUrl, wx });
  await api.login(await loginCode());
  await api.bind({ invitationCode: member.invitationCode, name: null, phoneCode: null });
  const before = wx.storage.get('learn.tokens') as { accessToken: string; refreshToken: string };

  // Simulate expiry: the stored access token no longer verifies.
  wx.storage.set('learn.tokens', { ...before, accessToken: before.accessToken.slice(0, -4) + 'AAAA' });
  wx.requests.length = 0;
  const me = await api.me();
  assert.equal(me.member?.id, member.id);
  assert.deepEqual(wx.requests, ['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
  const after = wx.storage.get('learn.tokens') as { refreshToken: string; bound: boolean };
  assert.notEqual(after.refreshToken, before.refreshToken, 'the refresh token rotates');
  assert.equal(after.bound, true);

  // The old refresh token is spent: using it again is refused (and revokes that login).
  const stale = fakeWx();
  stale.setStorageSync('learn.tokens', { accessToken: 'x.y', refreshToken: before.refreshToken, bound: true });
  let loginRequired: LearnProblem | undefined;
  const replay = new LearnClient({ baseUrl: apiUrl, wx: stale, onLoginRequired: (p) => { loginRequired = p; } });
  await assert.rejects(replay.me(), (e: LearnProblem) => e.status === 401);
  assert.equal(loginRequired?.status, 401);
  assert.equal(stale.storage.has('learn.tokens'), false, 'a dead login is forgotten');
});

test('logout forgets the tokens and the refresh token stops working', async () => {
  const api = new LearnClient({ baseUrl: apiUrl, wx: fakeWx() });
  const tokens = await api.login(await loginCode());
  await api.logout();
  assert.equal(api.isLoggedIn, false);
  const res = await fetch(`${apiUrl}/api/auth/refresh`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: tokens.refreshToken }),
  });
  assert.equal(res.status, 401);
  assert.equal((await res.json()).type, 'urn:learn:problem:refresh-invalid');
});
