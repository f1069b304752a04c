/**
 * Learn 小程序端的类型化客户端（基于 wx.request），可直接复制到小程序项目中使用：
 *   import { LearnClient, LearnProblem } from './learn/client';
 *   const api = new LearnClient({ baseUrl: 'https://learn.example.cn', wx });
 * 需要同目录的 api.d.ts（由 openapi.json 生成，勿手改）。令牌保存在 wx.setStorageSync 中；
 * accessToken 过期（401）时用 refreshToken 刷新一次后重试；错误一律抛出 LearnProblem。
 */
import type { components, paths } from './api';

export type Schemas = components['schemas'];
export type ProblemType = Schemas['LearnProblem']['type'];

type Method = 'get' | 'post';
/** The JSON body of an operation's 2xx answer, straight from the generated contract. */
type Ok<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer T } } } ? T
  : R extends { 201: { content: { 'application/json': infer T } } } ? T
  : void
  : never;
/** The JSON request body of an operation. */
type Body<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody: { content: { 'application/json': infer T } } } ? T : never;

/** 服务端返回的错误（RFC 7807）。按 type 分支处理，title 可直接展示。 */
export class LearnProblem extends Error {
  readonly type: ProblemType | string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string | null;
  readonly errors?: Record<string, string[]>;
  readonly traceId?: string;

  constructor(status: number, body: Partial<Schemas['LearnProblem']> | undefined) {
    const title = body?.title ?? (status === 0 ? '网络连接失败，请检查网络后重试' : '请求失败，请稍后再试');
    super(title);
    this.name = 'LearnProblem';
    this.status = body?.status ?? status;
    this.type = body?.type ?? (status === 0 ? 'urn:learn:problem:network' : 'urn:learn:problem:internal');
    this.title = title;
    this.detail = body?.detail;
    this.errors = body?.errors;
    this.traceId = body?.traceId;
  }
}

/** The part of the Mini Program's `wx` the client uses (pass the real `wx`). */
export interface WxLike {
  request(options: {
    url: string; method: 'GET' | 'POST'; data?: unknown; header?: Record<string, string>; timeout?: number;
    success(res: { statusCode: number; data: unknown; header: Record<string, string> }): void;
    fail(err: { errMsg: string }): void;
  }): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
}

export interface LearnClientOptions {
  baseUrl: string;
  wx: WxLike;
  /** 存储令牌的键，默认 learn.tokens */
  storageKey?: string;
  /** 登录彻底失效（刷新也失败）时调用：重新 wx.login。 */
  onLoginRequired?: (problem: LearnProblem) => void;
}

interface StoredTokens { accessToken: string; refreshToken: string; bound: boolean }

export class LearnClient {
  private readonly key: string;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly options: LearnClientOptions) {
    this.key = options.storageKey ?? 'learn.tokens';
  }

  // ---- 登录与绑定 ----
  /** wx.login 的 code → 令牌（自动保存）。bound 为 false 时需绑定。 */
  async login(code: string): Promise<Schemas['LoginTokens']> {
    const tokens = await this.call<Ok<'/api/auth/wx-login', 'post'>>('POST', '/api/auth/wx-login', { code } satisfies Body<'/api/auth/wx-login', 'post'>, false);
    this.save({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, bound: tokens.bound });
    return tokens;
  }

  /** 邀请码（+姓名）或 姓名 + 手机号按钮 code 绑定；成功后保存新的 accessToken。 */
  async bind(request: Body<'/api/auth/bind', 'post'>): Promise<Schemas['BindResponse']> {
    const result = await this.call<Ok<'/api/auth/bind', 'post'>>('POST', '/api/auth/bind', request);
    const stored = this.tokens();
    if (stored) this.save({ ...stored, accessToken: result.accessToken, bound: true });
    return result;
  }

  async logout(): Promise<void> {
    try { await this.call<void>('POST', '/api/auth/logout'); } finally { this.options.wx.removeStorageSync(this.key); }
  }

  get isLoggedIn(): boolean { return this.tokens() !== null; }
  get isBound(): boolean { return this.tokens()?.bound === true; }

  me() { return this.call<Ok<'/api/me', 'get'>>('GET', '/api/me'); }
  /** 公众号绑定码：6 位数字、10 分钟内有效、只能用一次；党员在公众号“绑定党员身份”页输入。已关联公众号时抛出 official-account-already-linked。 */
  officialAccountLinkCode() {
    return this.call<Ok<'/api/me/official-account-link-code', 'post'>>('POST', '/api/me/official-account-link-code');
  }

  // ---- 学习 ----
  today() { return this.call<Ok<'/api/study/today', 'get'>>('GET', '/api/study/today'); }
  columns() { return this.call<Ok<'/api/study/columns', 'get'>>('GET', '/api/study/columns'); }
  articles(options: { columnId?: number; page?: number; pageSize?: number } = {}) {
    return this.call<Ok<'/api/study/articles', 'get'>>('GET', `/api/study/articles${query(options)}`);
  }
  article(id: number) { return this.call<Ok<'/api/study/articles/{id}', 'get'>>('GET', `/api/study/articles/${id}`); }
  /** 打开文章时调用，服务端开始计时。 */
  startReading(id: number) { return this.call<Ok<'/api/study/articles/{id}/read/start', 'post'>>('POST', `/api/study/articles/${id}/read/start`); }
  /** 离开或读完时调用；completed 为 false 时 remainingSeconds 为还需的秒数。 */
  finishReading(id: number) { return this.call<Ok<'/api/study/articles/{id}/read/finish', 'post'>>('POST', `/api/study/articles/${id}/read/finish`); }
  /** 每日答题：今天的一套题（每人每天一套）；未作答的题不含答案。 */
  practice() { return this.call<Ok<'/api/study/practice', 'get'>>('GET', '/api/study/practice'); }
  /** 作答第 seq 题：第一次作答有效，返回正确答案与解析；重复提交返回第一次的结果（newlyAnswered 为 false），不重复加分。 */
  answerPractice(seq: number, response: string) {
    const body: Body<'/api/study/practice/questions/{seq}/answer', 'post'> = { response };
    return this.call<Ok<'/api/study/practice/questions/{seq}/answer', 'post'>>('POST', `/api/study/practice/questions/${seq}/answer`, body);
  }
  points(options: { page?: number; pageSize?: number } = {}) { return this.call<Ok<'/api/study/points', 'get'>>('GET', `/api/study/points${query(options)}`); }
  studyPeopleBoard(options: { period?: 'week' | 'month' | 'all'; top?: number } = {}) {
    return this.call<Ok<'/api/study/boards/people', 'get'>>('GET', `/api/study/boards/people${query(options)}`);
  }
  studyBranchBoard(options: { period?: 'week' | 'month' | 'all'; by?: 'total' | 'average'; top?: number } = {}) {
    return this.call<Ok<'/api/study/boards/branches', 'get'>>('GET', `/api/study/boards/branches${query(options)}`);
  }

  // ---- 竞答 ----
  contests() { return this.call<Ok<'/api/contests', 'get'>>('GET', '/api/contests'); }
  contest(id: number) { return this.call<Ok<'/api/contests/{id}', 'get'>>('GET', `/api/contests/${id}`); }
  startAttempt(id: number) { return this.call<Ok<'/api/contests/{id}/attempts', 'post'>>('POST', `/api/contests/${id}/attempts`); }
  currentAttempt(id: number) { return this.call<Ok<'/api/contests/{id}/attempts/current', 'get'>>('GET', `/api/contests/${id}/attempts/current`); }
  /**
   * requestId 缺省时自动生成；网络重试请传入同一个 requestId。ticket 原样带回取题时题目里的 `current.ticket`
   * （直播为 `open.ticket`）：服务器凭它免去一次查库；被改动或属于他人时为 400 `contest-ticket-invalid`。
   * next: true（限时答题连续作答）：答案保存的同时发出下一题，返回的 `next` 即下一题，计时从此刻开始；
   * 要先看解析再答下一题就不传，之后用 currentAttempt 取题（计时从取题时开始）。
   */
  answer(id: number, attemptId: number, body: { seq: number; answer: string; requestId?: string; ticket?: string | null; next?: boolean }) {
    const request: Body<'/api/contests/{id}/attempts/{attemptId}/answers', 'post'> = { ...body, requestId: body.requestId ?? newRequestId() };
    return this.call<Ok<'/api/contests/{id}/attempts/{attemptId}/answers', 'post'>>('POST', `/api/contests/${id}/attempts/${attemptId}/answers`, request);
  }
  liveCurrent(id: number) { return this.call<Ok<'/api/contests/{id}/live/current', 'get'>>('GET', `/api/contests/${id}/live/current`); }
  liveRound(id: number, seq: number) { return this.call<Ok<'/api/contests/{id}/live/rounds/{seq}', 'get'>>('GET', `/api/contests/${id}/live/rounds/${seq}`); }
  board(id: number, top?: number) { return this.call<Ok<'/api/contests/{id}/board', 'get'>>('GET', `/api/contests/${id}/board${query({ top })}`); }
  myRank(id: number, radius?: number) { return this.call<Ok<'/api/contests/{id}/board/me', 'get'>>('GET', `/api/contests/${id}/board/me${query({ radius })}`); }
  orgBoard(id: number, options: { parentId?: number; sort?: 'total' | 'average' | 'rate' } = {}) {
    return this.call<Ok<'/api/contests/{id}/board/orgs', 'get'>>('GET', `/api/contests/${id}/board/orgs${query(options)}`);
  }
  results(id: number, top?: number) { return this.call<Ok<'/api/contests/{id}/results', 'get'>>('GET', `/api/contests/${id}/results${query({ top })}`); }
  myResult(id: number) { return this.call<Ok<'/api/contests/{id}/results/me', 'get'>>('GET', `/api/contests/${id}/results/me`); }
  reportQuestion(body: Body<'/api/question-reports', 'post'>) { return this.call<Ok<'/api/question-reports', 'post'>>('POST', '/api/question-reports', body); }

  // ---- 订阅消息 ----
  /**
   * 把 wx.requestSubscribeMessage 的 success 结果原样上报：
   *   wx.requestSubscribeMessage({ tmplIds, success: (res) => api.recordConsents(res) })
   */
  recordConsents(result: Body<'/api/notifications/consents', 'post'>) {
    return this.call<Ok<'/api/notifications/consents', 'post'>>('POST', '/api/notifications/consents', result);
  }

  // ---- 底层 ----
  private tokens(): StoredTokens | null {
    const value = this.options.wx.getStorageSync(this.key);
    return value && typeof value === 'object' ? (value as StoredTokens) : null;
  }

  private save(tokens: StoredTokens): void { this.options.wx.setStorageSync(this.key, tokens); }

  /** One refresh at a time: parallel 401s wait for the same rotation (the old refresh token works once). */
  private refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const stored = this.tokens();
      if (!stored) return false;
      try {
        const body: Body<'/api/auth/refresh', 'post'> = { refreshToken: stored.refreshToken };
        const next = await this.call<Ok<'/api/auth/refresh', 'post'>>('POST', '/api/auth/refresh', body, false);
        this.save({ accessToken: next.accessToken, refreshToken: next.refreshToken, bound: next.bound });
        return true;
      } catch (e) {
        if (e instanceof LearnProblem && e.status === 401) this.options.wx.removeStorageSync(this.key);
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, auth = true, retried = false): Promise<T> {
    const token = auth ? this.tokens()?.accessToken : undefined;
    const res = await this.send(method, path, body, token);
    if (res.statusCode === 401 && auth && !retried && this.tokens()) {
      if (await this.refresh()) return this.call<T>(method, path, body, auth, true);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return (res.statusCode === 204 ? undefined : res.data) as T;
    const problem = new LearnProblem(res.statusCode, typeof res.data === 'object' && res.data ? res.data as Partial<Schemas['LearnProblem']> : undefined);
    if (res.statusCode === 401 && auth) this.options.onLoginRequired?.(problem);
    throw problem;
  }

  private send(method: 'GET' | 'POST', path: string, body: unknown, token: string | undefined) {
    return new Promise<{ statusCode: number; data: unknown }>((resolve, reject) => {
      const header: Record<string, string> = { 'content-type': 'application/json' };
      if (token) header.Authorization = `Bearer ${token}`;
      this.options.wx.request({
        url: this.options.baseUrl.replace(/\/$/, '') + path,
        method, header, timeout: 15000,
        data: method === 'POST' ? (body ?? {}) : undefined,
        success: (res) => resolve(res),
        fail: (err) => reject(new LearnProblem(0, { title: '网络连接失败，请检查网络后重试', detail: err.errMsg })),
      });
    });
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** 答题请求编号（防重复提交）。 */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
