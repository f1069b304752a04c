// 订阅消息：wx.requestSubscribeMessage 的结果原样上报，每个 accept 记一条可发送额度。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnProblem } from '../src/client';
import { boundMember } from './support';

const daily = 'Xk3Zq9mP0aTemplateIdOfTheDailyStudyReminder01';
const contest = 'Bd7Yw2nR5sTemplateIdOfTheContestStartNotice002';

test("the member's answers to requestSubscribeMessage are told to the server and each accept counts once", async () => {
  const { api } = await boundMember('褚订阅');
  // What wx.requestSubscribeMessage's success callback hands over, passed on as is.
  const first = await api.recordConsents({ errMsg: 'requestSubscribeMessage:ok', [daily]: 'accept', [contest]: 'reject' });
  assert.equal(first.recorded, 1);
  assert.deepEqual(first.remaining, { [daily]: 1, [contest]: 0 });

  const again = await api.recordConsents({ errMsg: 'requestSubscribeMessage:ok', [daily]: 'accept' });
  assert.equal(again.remaining[daily], 2, 'one-time consents add up');

  await assert.rejects(api.recordConsents({ errMsg: 'requestSubscribeMessage:ok', [daily]: 'maybe' }),
    (e: LearnProblem) => e.status === 400 && e.type === 'urn:learn:problem:validation' && !!e.errors?.[daily]);
  await assert.rejects(api.recordConsents({ errMsg: 'requestSubscribeMessage:ok' }),
    (e: LearnProblem) => e.type === 'urn:learn:problem:validation');
});
