// Many WebSocket clients (the `ws` package) receiving snapshots from the relay, or from the reference server.
// usage: node client.js URL SECRET CLIENTS SECONDS
// Prints one JSON line: delays (receipt minus the sender's sent_at) in ms, messages lost, clients connected.
'use strict';
const WebSocket = require('ws');
const { performance } = require('perf_hooks');

const [url, secret, clientCount, seconds] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const now = () => performance.timeOrigin + performance.now();

// sent_at is ISO 8601 with up to 7 fractional digits; Date.parse keeps milliseconds only, so the rest is added here.
function sentAtMs(text) {
  const m = /"sent_at":"([^"]+)"/.exec(text.length > 4096 ? text.slice(-4096) : text);
  if (!m) return null;
  const iso = m[1];
  const frac = /\.(\d+)/.exec(iso);
  const base = Date.parse(iso.replace(/\.\d+/, ''));
  return { key: iso, ms: base + (frac ? Number('0.' + frac[1]) * 1000 : 0) };
}

const clients = [];
let opened = 0, failed = 0, closedEarly = 0;
let measuring = false, start = 0;

function connect(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Authorization: 'Bearer ' + secret }, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    const c = { ws, delays: [], seen: new Set() };
    ws.on('open', () => { opened++; clients.push(c); resolve(); });
    ws.on('unexpected-response', (req, res) => { failed++; resolve(); });
    ws.on('error', () => { failed++; resolve(); });
    ws.on('close', () => { if (measuring) closedEarly++; });
    ws.on('message', (data, isBinary) => {
      const received = now();
      if (!measuring || isBinary) return;
      const text = data.toString();
      if (!text.startsWith('{"type":"snapshot"')) return;
      const sent = sentAtMs(text);
      if (!sent) return;
      c.delays.push(received - sent.ms);
      c.seen.add(sent.key);
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
}

(async () => {
  for (let i = 0; i < clientCount; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(clientCount, i + 50); j++) batch.push(connect(j));
    await Promise.all(batch);
  }
  await new Promise(r => setTimeout(r, 2000));
  measuring = true;
  start = now();
  await new Promise(r => setTimeout(r, seconds * 1000));
  measuring = false;
  const end = now();

  // Every snapshot any client saw, away from the edges of the window, should have reached every client.
  const all = new Map();
  for (const c of clients) for (const key of c.seen) all.set(key, true);
  const inner = [...all.keys()].filter(k => { const t = sentAtMs('"sent_at":"' + k + '"').ms; return t > start + 1000 && t < end - 3000; });
  let lost = 0;
  for (const c of clients) for (const k of inner) if (!c.seen.has(k)) lost++;
  const delays = clients.flatMap(c => c.delays).sort((a, b) => a - b);
  console.log(JSON.stringify({
    clients: clientCount, connected: opened, failed, closed_early: closedEarly,
    snapshots: inner.length, expected: inner.length * clients.length, lost,
    received: delays.length,
    p50_ms: percentile(delays, 50), p99_ms: percentile(delays, 99), max_ms: delays.length ? delays[delays.length - 1] : null,
  }));
  for (const c of clients) c.ws.terminate();
  process.exit(0);
})();
