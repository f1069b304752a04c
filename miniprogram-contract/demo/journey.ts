// One member's day in the Mini Program, step by step, shared by ./learn.sh demo (Node) and the 模拟小程序 page.
import { LearnClient, LearnProblem, Schemas } from '../src/client';
import { sleep } from './wx-fetch';

/** Subscribe-message templates of the demo Mini Program (Learn.Jobs appsettings.Development.json). */
export const demoTemplates = ['demo-PoliticalBirthday-mp', 'demo-ContestReminder-mp', 'demo-ContestResult-mp', 'demo-TermReminder-mp'];

export type Say = (line: string) => void;

/** What a member can tap: the options, 正确/错误 for a true-false question, nothing for a blank to fill in. */
export function choices(q: Schemas['QuestionPayload']): { label: string; text: string }[] {
  if (q.options.length > 0) return q.options;
  return q.kind === 'true-false' ? [{ label: '正确', text: '正确' }, { label: '错误', text: '错误' }] : [];
}

/** A member who knows some of it: a random choice, or a common phrase for a blank. */
export function guess(q: Schemas['QuestionPayload']): string {
  const list = choices(q);
  return list.length > 0 ? list[Math.floor(Math.random() * list.length)]!.label : '为人民服务';
}

/** wx.login (any code in the simulator) and, when not bound yet, binding with the invitation code. */
export async function logIn(api: LearnClient, code: string, invitationCode: string, say: Say) {
  const tokens = await api.login(code);
  if (!tokens.bound) await api.bind({ invitationCode, name: null, phoneCode: null });
  const me = await api.me();
  say(tokens.bound ? `已登录（此前已绑定）：${me.member?.name}，${me.member?.organizationName}`
    : `登录并用邀请码 ${invitationCode} 绑定：${me.member?.name}，${me.member?.organizationName}`);
  // What wx.requestSubscribeMessage reports when the member taps 允许.
  const consents: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const t of demoTemplates) consents[t] = 'accept';
  await api.recordConsents(consents);
  return me;
}

/** Opens today's article, stays for the minimum reading time the server measures, finishes. */
export async function readToday(api: LearnClient, say: Say) {
  const today = await api.today();
  if (!today.article) { say(`今日无文章：${today.emptyMessage ?? ''}`); return null; }
  await api.article(today.article.id);
  let read = await api.startReading(today.article.id);
  for (let i = 0; i < 5 && !read.completed; i++) {
    await sleep((Math.max(read.remainingSeconds, 1) + 0.5) * 1000);
    read = await api.finishReading(today.article.id);
  }
  say(`阅读《${today.article.title}》${read.elapsedSeconds} 秒：${read.message}`);
  return read;
}

/** The open timed contest (the demo's 党史知识竞答), answered by a member who knows some of it. */
export async function takeTimedContest(api: LearnClient, say: Say, thinkMs = () => 900 + Math.random() * 1500) {
  const contest = (await api.contests()).find((c) => c.mode === 'timed' && c.state === 'open');
  if (!contest) { say('没有进行中的限时答题'); return null; }
  let attempt: Schemas['AttemptPayload'];
  try {
    attempt = await api.startAttempt(contest.id);
  } catch (e) {
    if (e instanceof LearnProblem && e.status === 409) { say(`《${contest.title}》：${e.title}`); return null; }
    throw e;
  }
  while (attempt.current) {
    const q = attempt.current;
    await sleep(thinkMs());
    await api.answer(contest.id, attempt.attemptId, { seq: q.seq, answer: guess(q) });
    attempt = await api.currentAttempt(contest.id);
  }
  const rank = await api.myRank(contest.id);
  say(`《${contest.title}》答完 ${attempt.questionCount} 题，答对 ${attempt.correctCount}，得分 ${attempt.score}，当前第 ${rank.me?.rank} 名`);
  return { contest, attempt };
}

/** The live contest members can join, or undefined. */
export const liveContest = async (api: LearnClient) => (await api.contests()).find((c) => c.mode === 'live' && c.state === 'open');

/** Answers the question the host has open, if any and not answered yet; returns its seq. */
export async function answerLive(api: LearnClient, contestId: number, answered: Set<number>, say: Say) {
  const state = await api.liveCurrent(contestId);
  const q = state.open;
  if (!q || answered.has(q.seq)) return null;
  answered.add(q.seq);
  await sleep(800 + Math.random() * Math.min(4000, q.secondsLeft * 500));
  const result = await api.answer(contestId, state.attemptId, { seq: q.seq, answer: guess(q) });
  say(`直播第 ${q.seq} 题：${result.correct ? '答对' : '答错'}，得 ${result.points} 分，累计 ${result.score} 分`);
  return q.seq;
}
