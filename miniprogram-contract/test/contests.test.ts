// 竞答：限时答题、挑战答题、排行榜与最终成绩、纠错。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnProblem } from '../src/client';
import { answerKey, boundMember, contest, control, seeded, wrongAnswer } from './support';

test('a timed paper: list, detail, start, answer every question (retry-safe), finish; the boards rank it', async () => {
  const w = await seeded();
  const { id } = await contest('timed', '契约限时答题', { questionCount: 3, attemptsPerDay: 1 });
  const { api, member } = await boundMember('郑限时');

  const list = await api.contests();
  assert.ok(list.some((c) => c.id === id && c.mode === 'timed' && c.state === 'open'));
  const detail = await api.contest(id);
  assert.equal(detail.questionCount, 3);
  assert.match(detail.rankingRule, /排名规则/);

  let attempt = await api.startAttempt(id);
  assert.equal(attempt.status, 'in-progress');
  let correct = 0;
  while (attempt.current) {
    const q = attempt.current;
    assert.equal(q.options.length, 4);
    const key = await answerKey(q.questionId);
    const right = q.seq !== 2;
    const requestId = `req-${id}-${q.seq}`;
    assert.ok(q.ticket, 'an issued question carries its ticket');
    if (q.seq === 1) {
      // An altered ticket is refused with a typed problem and scores nothing.
      const forged = `${q.ticket!.slice(0, -1)}${q.ticket!.endsWith('0') ? '1' : '0'}`;
      await assert.rejects(api.answer(id, attempt.attemptId, { seq: q.seq, answer: key, ticket: forged }),
        (e: LearnProblem) => e.status === 400 && e.type === 'urn:learn:problem:contest-ticket-invalid');
    }
    const result = await api.answer(id, attempt.attemptId, { seq: q.seq, answer: right ? key : wrongAnswer(key), requestId, ticket: q.ticket });
    assert.equal(result.correct, right);
    assert.equal(result.correctAnswer, key);
    if (right) correct++;
    // A network retry with the same request id gets the same answer back, not a conflict.
    const retry = await api.answer(id, attempt.attemptId, { seq: q.seq, answer: right ? key : wrongAnswer(key), requestId, ticket: q.ticket });
    assert.deepEqual(retry, result);
    attempt = await api.currentAttempt(id);
  }
  assert.equal(attempt.status, 'finished');
  assert.equal(attempt.correctCount, correct);
  assert.ok(attempt.score >= correct * 10);

  await assert.rejects(api.startAttempt(id), (e: LearnProblem) => e.status === 409 && e.type === 'urn:learn:problem:contest-attempt-limit');

  const board = await api.board(id, 10);
  assert.equal(board.rows[0]?.memberId, member.id);
  assert.equal(board.rows[0]?.score, attempt.score);
  const mine = await api.myRank(id);
  assert.equal(mine.me?.rank, 1);
  const orgs = await api.orgBoard(id, { sort: 'total' });
  assert.equal(orgs.parent?.organizationId, w.rootId);
  assert.equal(orgs.units.find((u) => u.organizationId === w.branchAId)?.totalScore, attempt.score);

  await control('POST', `/control/contests/${id}/close`);
  const results = await api.results(id);
  assert.equal(results[0]?.memberId, member.id);
  assert.equal((await api.myResult(id)).rank, 1);
});

test('answered straight through, each reply carries the next question (next: true) and the paper ends on the last', async () => {
  const { id } = await contest('timed', '契约连续作答', { questionCount: 3 });
  const { api } = await boundMember('钱连续');
  const started = await api.startAttempt(id);
  let q = started.current;
  const seen: number[] = [];
  let last;
  while (q) {
    seen.push(q.seq);
    last = await api.answer(id, started.attemptId, { seq: q.seq, answer: await answerKey(q.questionId), ticket: q.ticket, next: true });
    assert.equal(last.correct, true);
    if (last.next) {
      // The page reloaded here would show the very question the reply carried, with its time already running.
      const resumed = await api.currentAttempt(id);
      assert.equal(resumed.current?.seq, last.next.seq);
      assert.equal(resumed.current?.issuedAt, last.next.issuedAt);
      assert.equal(resumed.current?.ticket, last.next.ticket);
    }
    q = last.next ?? null;
  }
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(last?.attemptFinished, true);
  assert.equal((await api.currentAttempt(id)).status, 'finished');
});

test('a challenge goes on question after question until the first wrong answer', async () => {
  const { id } = await contest('challenge', '契约挑战答题');
  const { api } = await boundMember('王挑战');
  let attempt = await api.startAttempt(id);
  for (let i = 0; i < 2; i++) {
    const q = attempt.current!;
    const result = await api.answer(id, attempt.attemptId, { seq: q.seq, answer: await answerKey(q.questionId) });
    assert.equal(result.correct, true);
    assert.equal(result.attemptFinished, false);
    attempt = await api.currentAttempt(id);
    assert.equal(attempt.current?.seq, q.seq + 1, 'the next question is issued after a right answer');
  }
  const q = attempt.current!;
  const wrong = await api.answer(id, attempt.attemptId, { seq: q.seq, answer: wrongAnswer(await answerKey(q.questionId)) });
  assert.equal(wrong.correct, false);
  assert.equal(wrong.attemptFinished, true);
  attempt = await api.currentAttempt(id);
  assert.equal(attempt.status, 'finished');
  assert.equal(attempt.correctCount, 2);
  assert.equal(attempt.current, null);

  const report = await api.reportQuestion({ questionId: q.questionId, contestId: id, note: '题干表述不清' });
  assert.ok(report.id > 0);
  await assert.rejects(api.reportQuestion({ questionId: q.questionId, contestId: id, note: '' }),
    (e: LearnProblem) => e.type === 'urn:learn:problem:validation' && !!e.errors?.note);
});

test('a live round: join, the host opens a question, answer inside the window, no key while open, then the reveal', async () => {
  const { id } = await contest('live', '契约直播竞答', { secondsPerQuestion: 30 });
  const { api } = await boundMember('冯直播');
  const joined = await api.liveCurrent(id);
  assert.equal(joined.open, null);

  const { seq } = await control<{ seq: number }>('POST', `/control/contests/${id}/live/open`);
  const state = await api.liveCurrent(id);
  assert.equal(state.open?.seq, seq);
  assert.ok(state.open!.secondsLeft > 0);
  await assert.rejects(api.liveRound(id, seq), (e: LearnProblem) => e.status === 409 && e.type === 'urn:learn:problem:contest-question-open');
  const key = await answerKey(state.open!.questionId);
  const result = await api.answer(id, state.attemptId, { seq, answer: key, ticket: state.open!.ticket });
  assert.equal(result.sealed, true); // no verdict, key or explanation while the round is open
  assert.equal(result.correctAnswer, null);
  assert.equal(result.points, null);

  await control('POST', `/control/contests/${id}/live/${seq}/close`);
  const closed = await api.liveRound(id, seq);
  assert.equal(closed.correctAnswer, key);
  assert.equal(closed.revealed, false);
  await control('POST', `/control/contests/${id}/live/${seq}/reveal`);
  assert.equal((await api.liveRound(id, seq)).revealed, true);
  const after = await api.liveCurrent(id);
  assert.equal(after.lastRevealedSeq, seq);
  assert.equal(after.score, 10);

  await assert.rejects(api.startAttempt(id), (e: LearnProblem) => e.type === 'urn:learn:problem:contest-wrong-mode');
});

test('a board hidden until the close is a typed problem', async () => {
  const { id } = await contest('timed', '契约隐藏榜单', { questionCount: 1, hideBoardUntilClose: true });
  const { api } = await boundMember('陈隐藏');
  await assert.rejects(api.board(id), (e: LearnProblem) => e.status === 403 && e.type === 'urn:learn:problem:contest-board-hidden');
});
