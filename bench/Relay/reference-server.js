// The reference: a plain `ws` broadcast server sending a recorded relay snapshot, with a fresh sent_at, to every
// client once a second, after the same Bearer check. It does what the relay does on its send path and nothing else.
// usage: node reference-server.js PORT SECRET SNAPSHOT_FILE
'use strict';
const fs = require('fs');
const http = require('http');
const WebSocket = require('ws');

const [port, secret, file] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const recorded = fs.readFileSync(file, 'utf8').trim();
const cut = recorded.lastIndexOf('"sent_at":"');
const head = recorded.slice(0, cut);
const tail = recorded.slice(recorded.indexOf('"', cut + 11) + 1);

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const wss = new WebSocket.Server({ noServer: true, perMessageDeflate: false });
server.on('upgrade', (req, socket, headTail) => {
  if (req.headers.authorization !== 'Bearer ' + secret) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, headTail, ws => wss.emit('connection', ws));
});
setInterval(() => {
  const message = head + '"sent_at":"' + new Date().toISOString() + '"' + tail;
  for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(message);
}, 1000);
server.listen(port, '127.0.0.1', () => console.log('listening'));
