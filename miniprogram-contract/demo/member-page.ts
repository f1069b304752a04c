// 模拟小程序: a phone-sized page in the WeChat simulator where a person plays a member by hand, on the same
// typed client as the Mini Program. API calls go to the simulator's origin, which passes /api/* to Learn.Api.
import { LearnClient, LearnProblem, Schemas } from '../src/client';
import { fetchWx } from './wx-fetch';
import { choices, liveContest, logIn, readToday } from './journey';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const local = { get: (k: string) => JSON.parse(localStorage.getItem(k) ?? 'null') ?? undefined,
  set: (k: string, v: unknown) => localStorage.setItem(k, JSON.stringify(v)), delete: (k: string) => localStorage.removeItem(k) } as
  Pick<Map<string, unknown>, 'get' | 'set' | 'delete'>;
const api = new LearnClient({ baseUrl: location.origin, wx: fetchWx(local) });

function say(line: string) {
  const li = document.createElement('li');
  li.textContent = line;
  $('log').prepend(li);
}

async function run(action: () => Promise<unknown>) {
  try { await action(); } catch (e) { say(e instanceof LearnProblem ? `✗ ${e.title}` : `✗ ${String(e)}`); }
}

// wx.login's code: one per browser, so the same person comes back as the same member.
const code = (local.get('demo.code') as string | undefined) ?? `browser-${Math.random().toString(36).slice(2, 10)}`;
local.set('demo.code', code);

$('login').onclick = () => run(async () => {
  const me = await logIn(api, code, $<HTMLInputElement>('invitation').value.trim(), say);
  $('who').textContent = `${me.member?.name} · ${me.member?.organizationName} · 积分 ${me.member?.studyPoints}`;
  document.body.classList.add('bound');
});
$('read').onclick = () => run(async () => { say('开始阅读今日文章，服务端计时中…'); await readToday(api, say); });

let attempt: { contestId: number; payload: Schemas['AttemptPayload'] } | null = null;
const answerTimed = (label: string) => run(async () => {
  if (!attempt?.payload.current) return;
  await api.answer(attempt.contestId, attempt.payload.attemptId, { seq: attempt.payload.current.seq, answer: label });
  attempt.payload = await api.currentAttempt(attempt.contestId);
  if (!attempt.payload.current) say(`答题结束：答对 ${attempt.payload.correctCount} 题，得分 ${attempt.payload.score}`);
  showQuestion(attempt.payload.current, answerTimed);
});
$('contest').onclick = () => run(async () => {
  const contest = (await api.contests()).find((c) => c.mode === 'timed' && c.state === 'open');
  if (!contest) return say('没有进行中的限时答题');
  attempt = { contestId: contest.id, payload: await api.startAttempt(contest.id) };
  showQuestion(attempt.payload.current, answerTimed);
});

function showQuestion(q: Schemas['QuestionPayload'] | null | undefined, answer: (label: string) => void) {
  const box = $('question');
  box.replaceChildren();
  if (!q) return;
  const stem = document.createElement('p');
  stem.textContent = `第 ${q.seq} 题（${Math.round(q.secondsLeft)} 秒）${q.stem}`;
  box.append(stem);
  for (const o of choices(q)) {
    const b = document.createElement('button');
    b.textContent = o.label === o.text ? o.text : `${o.label}. ${o.text}`;
    b.onclick = () => answer(o.label);
    box.append(b);
  }
  if (choices(q).length === 0) {
    const input = document.createElement('input');
    const b = document.createElement('button');
    b.textContent = '提交';
    b.onclick = () => answer(input.value.trim());
    box.append(input, b);
  }
}

$('live').onclick = () => run(async () => {
  const contest = await liveContest(api);
  if (!contest) return say('没有直播竞答');
  say(`已进入《${contest.title}》，等待主持人开题…`);
  const answered = new Set<number>();
  const poll = async () => {
    const state = await api.liveCurrent(contest.id);
    const q = state.open;
    if (q && !answered.has(q.seq)) {
      showQuestion(q, (label) => run(async () => {
        answered.add(q.seq);
        const r = await api.answer(contest.id, state.attemptId, { seq: q.seq, answer: label });
        say(`直播第 ${q.seq} 题：${r.correct ? '答对' : '答错'}，累计 ${r.score} 分`);
        showQuestion(null, () => undefined);
      }));
    }
  };
  setInterval(() => void run(poll), 1500);
});

$('inbox').onclick = () => run(async () => {
  const { openId } = await (await fetch(`/simulator/openid?code=${encodeURIComponent(code)}`)).json() as { openId: string };
  const { messages } = await (await fetch(`/simulator/inbox?touser=${openId}&take=10`)).json() as
    { messages: { kind: string; templateId: string; data: Record<string, string> }[] };
  if (messages.length === 0) say('还没有收到消息');
  for (const m of messages) say(`${m.kind}：${Object.values(m.data).join(' · ')}`);
});
