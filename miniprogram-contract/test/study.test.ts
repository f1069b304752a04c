// 每日学习：今日文章 → 文章详情 → 开始阅读 → 时间够了完成阅读 → 积分 → 学习榜。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LearnProblem } from '../src/client';
import { boundMember, seeded } from './support';

test("today's article is read for long enough and earns study points that show on the boards", async () => {
  const w = await seeded();
  const { api, member } = await boundMember('周阅读');

  const today = await api.today();
  assert.equal(today.article?.id, w.articleId);
  assert.equal(today.emptyMessage, null);
  const detail = await api.article(w.articleId);
  assert.match(detail.bodyHtml, /中国共产党第一次全国代表大会/);
  assert.equal(detail.reading.completed, false);

  await assert.rejects(api.finishReading(w.articleId), (e: LearnProblem) => e.status === 409 && e.type === 'urn:learn:problem:reading-not-started');

  const started = await api.startReading(w.articleId);
  assert.equal(started.completed, false);
  const early = await api.finishReading(w.articleId);
  assert.equal(early.completed, false, 'too short a reading earns nothing yet');
  assert.ok(early.remainingSeconds > 0);

  await sleep((early.remainingSeconds + 0.3) * 1000);
  const done = await api.finishReading(w.articleId);
  assert.equal(done.completed, true);
  assert.ok(done.pointsAwarded > 0);
  assert.equal(done.newlyAwarded, true);
  const again = await api.finishReading(w.articleId);
  assert.equal(again.newlyAwarded, false, 'finishing twice pays once');

  const points = await api.points();
  assert.equal(points.total, done.pointsAwarded);
  assert.equal(points.studiedToday, true);
  assert.equal(points.ledger.items[0]?.kind, 'reading');
  assert.equal((await api.me()).member?.studyPoints, done.pointsAwarded);

  const people = await api.studyPeopleBoard({ period: 'week' });
  assert.equal(people.me?.memberId, member.id);
  assert.equal(people.me?.points, done.pointsAwarded);
  const branches = await api.studyBranchBoard({ period: 'all', by: 'total' });
  assert.equal(branches.mine?.organizationId, w.branchAId);

  await assert.rejects(api.studyPeopleBoard({ period: 'year' as 'week' }), (e: LearnProblem) => e.status === 400 && e.type === 'urn:learn:problem:validation' && !!e.errors?.period);
});

test('past articles are listed by column', async () => {
  const { api } = await boundMember('吴往期');
  const columns = await api.columns();
  assert.ok(columns.length > 0);
  const page = await api.articles({ columnId: columns[0]!.id, page: 1, pageSize: 10 });
  assert.ok(page.items.length > 0);
  assert.equal(page.page, 1);
});
