// 公众号关联：小程序“我的”页取绑定码 → 党员在公众号的绑定页（静默授权后）输入 → 之后再取码得到 409。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { LearnProblem } from '../src/client';
import { apiUrl, boundMember, control } from './support';

/** WeChat's in-app browser on /wechat/oa/bind: the redirect to OAuth, WeChat's way back with a code, the form post. */
async function bindOnOfficialAccount(linkCode: string): Promise<{ status: number; html: string }> {
  const start = await fetch(`${apiUrl}/wechat/oa/bind`, { redirect: 'manual' });
  assert.equal(start.status, 302);
  const authorize = new URL(start.headers.get('location')!);
  assert.equal(authorize.searchParams.get('scope'), 'snsapi_base');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  const code = `oauth-${randomUUID().slice(0, 12)}`;
  await control('POST', '/control/oauth-codes', { code, openId: `oa-${randomUUID().slice(0, 16)}` });

  const callback = new URL(authorize.searchParams.get('redirect_uri')!);
  callback.searchParams.set('code', code);
  callback.searchParams.set('state', authorize.searchParams.get('state')!);
  const form = await fetch(callback, { headers: { cookie } });
  const html = await form.text();
  assert.equal(form.status, 200, html);
  const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(ticket, 'the form carries its ticket');

  const done = await fetch(`${apiUrl}/wechat/oa/bind`, { method: 'POST', body: new URLSearchParams({ ticket, linkCode }) });
  return { status: done.status, html: await done.text() };
}

test('a member shows a one-time code from the Mini Program and links the Official Account with it', async () => {
  const { api } = await boundMember('周公众号');

  const link = await api.officialAccountLinkCode();
  assert.match(link.code, /^\d{6}$/);
  assert.equal(link.expiresIn, 600);
  assert.ok(Date.parse(link.expiresAt) > Date.now());

  const done = await bindOnOfficialAccount(link.code);
  assert.equal(done.status, 200);
  assert.match(done.html, /绑定成功/);
  assert.match(done.html, /周公众号/);

  await assert.rejects(api.officialAccountLinkCode(),
    (e: LearnProblem) => e.status === 409 && e.type === 'urn:learn:problem:official-account-already-linked' && /已关联公众号/.test(e.title));
});
