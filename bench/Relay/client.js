// Many WebSocket clients (the `ws` package) receiving snapshots from the relay, or from the reference server.
// usage: node client.js URL SECRET CLIENTS SECONDS OUT_FILE
// Writes JSON to OUT_FILE: every delay (receipt minus the sender's sent_at, ms), the snapshots each client saw, the
// measuring window, and how many clients connected, failed or were closed; run.sh merges the files of all processes.
'use strict';
const WebSocket = require('ws');
const { performance } = require('perf_hooks');

const [url, secret, clientCount, seconds, out] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]];
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

  require('fs').writeFileSync(out, JSON.stringify({
    connected: opened, failed, closed_early: closedEarly, start, end,
    delays: clients.flatMap(c => c.delays),
    seen: clients.map(c => [...c.seen].map(k => sentAtMs('"sent_at":"' + k + '"').ms)),
  }));
  for (const c of clients) c.ws.terminate();
  process.exit(0);
})();
