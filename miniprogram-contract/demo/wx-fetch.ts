// wx.request, wx storage and wx.login for the demo, on fetch: the same `wx` under Node (./learn.sh demo)
// and in the browser (模拟小程序). The simulator accepts any wx.login code; a code per person keeps their openid.
import type { WxLike } from '../src/client';

export function fetchWx(storage: Pick<Map<string, unknown>, 'get' | 'set' | 'delete'> = new Map()): WxLike {
  return {
    request(o) {
      const init: RequestInit = { method: o.method, headers: o.header };
      if (o.data !== undefined && o.method !== 'GET') init.body = JSON.stringify(o.data);
      fetch(o.url, init).then(async (res) => {
        const text = await res.text();
        // wx.request parses JSON bodies itself (dataType 'json'), so the client sees objects.
        const data = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => { header[k] = v; });
        o.success({ statusCode: res.status, data, header });
      }, (err: Error) => o.fail({ errMsg: `request:fail ${err.message}` }));
    },
    getStorageSync: (key) => storage.get(key) ?? '',
    setStorageSync: (key, value) => { storage.set(key, structuredClone(value)); },
    removeStorageSync: (key) => { storage.delete(key); },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
