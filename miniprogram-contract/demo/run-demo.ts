// ./learn.sh demo: demo members use the real Learn.Api the way the Mini Program would (src/client.ts over a
// fetch-backed wx.request), beside a running ./learn.sh run in 演示模式 (the WeChat simulator takes any code).
import { LearnClient, LearnProblem } from '../src/client';
import { fetchWx, sleep } from './wx-fetch';
import { answerLive, liveContest, logIn, readToday, takeTimedContest } from './journey';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const apiUrl = env('LEARN_API_URL', 'http://127.0.0.1:5080');
const adminUrl = env('LEARN_ADMIN_URL', 'http://127.0.0.1:5081');
const simulatorUrl = env('LEARN_SIMULATOR_URL', 'http://127.0.0.1:5083');
const members = Number(env('LEARN_DEMO_MEMBERS', '8'));
const liveWait = Number(env('LEARN_DEMO_LIVE_WAIT', '120'));

async function main() {
  console.log(`▶ ${members} 名演示党员通过 Learn.Api（${apiUrl}）使用小程序`);
  const phones = await Promise.all(Array.from({ length: members }, async (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const api = new LearnClient({ baseUrl: apiUrl, wx: fetchWx() });
    const lines: string[] = [];
    const say = (line: string) => lines.push(line);
    const me = await logIn(api, `demo-member-${n}`, `DEMO2026-${n}`, say);
    await readToday(api, say);
    await takeTimedContest(api, say);
    console.log(`\n  [${n}] ${me.member?.name}\n${lines.map((l) => `      · ${l}`).join('\n')}`);
    return { api, name: me.member?.name ?? n };
  }));
  await live(phones);
  console.log(`
看哪里：
  管理后台 ${adminUrl}（admin / Learn@2026）
    · 仪表盘：今日学习参与、近两周各支部学习趋势
    · 竞赛 → 党史知识竞答（演示）：排行榜上的演示党员；直播竞答：开题、揭晓，大屏实时排名
    · 模拟微信消息：定时任务发出的订阅消息与模板消息（任务页可“立即执行”）
  模拟小程序 ${simulatorUrl}/miniprogram/（手机尺寸页面，可亲手登录、学习、答题）`);
}

/** Joins the live contest and answers each question the organiser opens, for at most liveWait seconds. */
async function live(phones: { api: LearnClient; name: string }[]) {
  const contest = await liveContest(phones[0]!.api);
  if (!contest) { console.log('\n▶ 没有可参加的直播竞答，跳过'); return; }
  if (liveWait <= 0) {
    console.log(`\n▶ 跳过直播竞答《${contest.title}》（LEARN_DEMO_LIVE_WAIT=0）`);
    return;
  }
  console.log(`\n▶ 直播竞答《${contest.title}》：党员已进入等候，请在管理后台 ${adminUrl}/Contests/Live/${contest.id} 开题（最多等 ${liveWait} 秒，Ctrl-C 结束）`);
  const answered = phones.map(() => new Set<number>());
  const deadline = Date.now() + liveWait * 1000;
  let lastActivity = Date.now();
  while (Date.now() < deadline) {
    const seqs = await Promise.all(phones.map((p, i) => answerLive(p.api, contest.id, answered[i]!,
      (line) => console.log(`  ${p.name}：${line}`)).catch((e: unknown) => {
      if (e instanceof LearnProblem) { console.log(`  ${p.name}：${e.title}`); return null; }
      throw e;
    })));
    if (seqs.some((s) => s !== null)) lastActivity = Date.now();
    // Once rounds have been played, a minute without a new question ends the wait.
    if (answered[0]!.size > 0 && Date.now() - lastActivity > 60_000) break;
    await sleep(1000);
  }
  const rounds = Math.max(...answered.map((a) => a.size));
  console.log(rounds === 0 ? '  等待结束：组织者没有开题，跳过直播竞答。' : `  直播竞答结束：参加了 ${rounds} 题。`);
}

main().catch((e: unknown) => {
  if (e instanceof LearnProblem) console.error(`✗ ${e.status} ${e.title}${e.detail ? `：${e.detail}` : ''}（${e.type}）`);
  else console.error('✗', e);
  console.error('Learn.Api 是否在运行？先在另一个终端执行 ./learn.sh run');
  process.exit(1);
});
