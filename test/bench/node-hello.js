// node-hello.js PORT [WORKERS=1]: the bare Node floor, a hello-world http server on
// 127.0.0.1:PORT with WORKERS processes (node:cluster, like a multi-worker server),
// keep-alive. Stops on SIGTERM (workers with it).
'use strict';
const cluster = require('cluster');
const http = require('http');
const port = parseInt(process.argv[2] || '5009', 10);
const workers = Math.max(1, parseInt(process.argv[3] || '1', 10));
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers)) w.kill('SIGTERM'); process.exit(0); });
} else {
  const body = Buffer.from('{"hello":"world"}\n');
  http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  }).listen(port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}
