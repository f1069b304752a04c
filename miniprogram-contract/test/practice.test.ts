// 每日答题：今天的一套题 → 逐题作答（先不见答案，答后见答案与解析）→ 答对得答题积分、重复提交不重复加分 → 积分与学习榜。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnProblem } from '../src/client';
import { boundMember, seeded } from './support';

/** A response of the right form for each kind (right or wrong does not matter here). */
const responseFor = (kind: string) => (kind === 'true-false' ? '正确' : kind === 'fill-blank' ? '答案' : 'A');

test('the daily practice hides keys until answered, earns quiz points once per question and shows on the study board', async () => {
  await seeded();
  const { api, member } = await boundMember('郑答题');

  const practice = await api.practice();
  assert.ok(practice.questions.length > 0, 'the seeded bank gives questions');
  assert.ok(practice.questions.every((q) => q.answer === null), 'no key before answering');
  assert.deepEqual((await api.practice()).questions.map((q) => q.stem), practice.questions.map((q) => q.stem), 'one set a day');

  let earned = 0;
  for (const q of practice.questions) {
    const result = await api.answerPractice(q.seq, responseFor(q.kind));
    assert.equal(result.newlyAnswered, true);
    assert.ok(result.question.answer, 'the answer comes back with the key');
    assert.ok(result.question.answer.answerKey.length > 0);
    if (!result.question.answer.correct) assert.equal(result.question.answer.pointsAwarded, 0, 'a wrong answer earns nothing');
    else if (!result.dailyCapReached) assert.equal(result.question.answer.pointsAwarded, practice.pointsPerCorrect);
    earned += result.question.answer.pointsAwarded;

    const again = await api.answerPractice(q.seq, responseFor(q.kind));
    assert.equal(again.newlyAnswered, false, 'a retried answer earns nothing more');
    assert.equal(again.question.answer?.pointsAwarded, result.question.answer.pointsAwarded);
  }

  const after = await api.practice();
  assert.equal(after.answeredCount, practice.questions.length);
  assert.equal(after.quizPointsToday, earned);
  assert.ok(earned <= after.quizDailyCap);
  const points = await api.points();
  assert.equal(points.todayByKind.find((k) => k.kind === 'quiz')?.points, earned);
  if (earned > 0) {
    const board = await api.studyPeopleBoard({ period: 'week' });
    assert.equal(board.me?.memberId, member.id);
    assert.equal(board.me?.points, points.total);
  }

  await assert.rejects(api.answerPractice(99, 'A'), (e: LearnProblem) => e.status === 404 && e.type === 'urn:learn:problem:not-found');
  await assert.rejects(api.answerPractice(1, ''), (e: LearnProblem) => e.status === 400 && e.type === 'urn:learn:problem:validation' && !!e.errors?.response);
});
